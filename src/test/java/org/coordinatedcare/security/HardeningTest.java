package org.coordinatedcare.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.coordinatedcare.system.LiveServerTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The operational hardening, through the real filter chain: open health probes that show strangers nothing but the
 * status, the other actuator endpoints for administrators only.
 */
class HardeningTest extends LiveServerTestSupport {

    @Test
    void healthAndItsProbesAnswerStrangersWithTheStatusAlone() {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            Map<String, Integer> before = rowCounts();

            Reply reply = get(null, path);

            assertThat(reply.status()).as(path + " " + reply).isEqualTo(200);
            assertThat(reply.json().path("status").asText()).as(path).isEqualTo("UP");
            assertThat(reply.json().has("components")).as(path + ": no components for strangers " + reply).isFalse();
            assertThat(reply.json().has("details")).as(path + ": no details for strangers " + reply).isFalse();
            assertThat(reply.text()).as(path).doesNotContainIgnoringCase("processEngine").doesNotContainIgnoringCase("H2")
                    .doesNotContainIgnoringCase("jdbc").doesNotContain("demo");
            assertThat(rowCounts()).as("nothing written").isEqualTo(before);
        }
        // a component's own path would name what is inside: not for strangers
        assertThat(get(null, "/actuator/health/db").status()).isEqualTo(404);
        assertThat(get(null, "/actuator/health/processEngine").status()).isEqualTo(404);
    }

    @Test
    void administratorsSeeTheHealthOfTheDatabaseAndTheEngine() {
        Reply health = get("demo", "/actuator/health");

        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.json().path("components").path("db").path("status").asText()).isEqualTo("UP");
        // Camunda's starter adds its own indicator for the engine (and one for the job executor where it runs)
        assertThat(health.json().path("components").path("processEngine").path("status").asText()).isEqualTo("UP");
        Reply readiness = get("demo", "/actuator/health/readiness");
        assertThat(readiness.json().path("components").fieldNames()).toIterable().containsExactlyInAnyOrder("db", "readinessState");
        // liveness is Spring Boot's own probe group, which shows its status alone, to administrators too
        Reply liveness = get("demo", "/actuator/health/liveness");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void everyOtherActuatorEndpointIsForAdministratorsOnly() {
        for (String path : List.of("/actuator", "/actuator/info", "/actuator/metrics", "/actuator/metrics/jvm.memory.used")) {
            Map<String, Integer> before = rowCounts();

            Reply stranger = get(null, path);
            assertThat(stranger.status()).as("stranger " + path + " " + stranger).isEqualTo(401);
            assertThat(stranger.contentType()).isEqualTo("application/problem+json");
            Reply clinician = get("drlee", path);
            assertThat(clinician.status()).as("drlee " + path + " " + clinician).isEqualTo(403);
            assertThat(clinician.contentType()).isEqualTo("application/problem+json");
            assertThat(clinician.text()).doesNotContain("jvm");
            Reply processOwner = get("owner", path);
            assertThat(processOwner.status()).as("owner " + path).isEqualTo(403);
            Reply admin = get("demo", path);
            assertThat(admin.status()).as("demo " + path + " " + admin).isEqualTo(200);

            assertThat(rowCounts()).as("nothing written").isEqualTo(before);
        }
        // exposed are health, info and metrics, nothing that shows configuration, beans or memory
        for (String path : List.of("/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/heapdump",
                "/actuator/loggers", "/actuator/mappings", "/actuator/threaddump", "/actuator/prometheus")) {
            assertThat(get("demo", path).status()).as("demo " + path).isEqualTo(404);
        }
    }
}
