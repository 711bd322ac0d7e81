package org.coordinatedcare.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.coordinatedcare.system.LiveServerTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Moving running pathways and previewing rule changes are for process owners and administrators only: clinicians,
 * clinical leads and managers are refused with problem JSON, strangers asked to log in; bad input names its field, and
 * a preview writes nothing.
 */
class ProcessChangeAccessTest extends LiveServerTestSupport {

    static final String PLAN = "/api/process-migrations/plan";
    static final String MIGRATE = "/api/process-migrations";
    static final String VERSIONS = "/api/process-migrations/versions?processDefinitionKey=coordinated-care";
    static final String ELIGIBILITY = "/api/case-finding/preview";
    static final String TRIGGER = "/api/pathway-rules/preview/coordinator-trigger";
    static final String INTERVAL = "/api/pathway-rules/preview/mdt-review-interval";

    private static String table(String file) throws IOException {
        return Files.readString(Path.of("processes", file));
    }

    private Map<String, Object> request(int source, int target) {
        return Map.of("processDefinitionKey", "coordinated-care", "sourceVersion", source, "targetVersion", target);
    }

    @Test
    void cliniciansLeadsAndManagersCannotMigrateOrPreviewAndStrangersMustLogIn() throws IOException {
        String eligibility = table("case-finding-eligibility.dmn");
        for (String user : List.of("drpatel", "drlee", "nurseokafor", "coordsmith", "manager")) {
            assertRefused(postJson(user, PLAN, request(1, 1)), user + " plan");
            assertRefused(postJson(user, MIGRATE, request(1, 1)), user + " migrate");
            assertRefused(get(user, VERSIONS), user + " versions");
            assertRefused(send(user, "POST", ELIGIBILITY, "application/xml", eligibility), user + " preview");
            assertRefused(
                    send(user, "POST", TRIGGER, "application/xml", table("coordinator-trigger.dmn")),
                    user + " trigger");
            assertRefused(
                    send(user, "POST", INTERVAL, "application/xml", table("mdt-review-interval.dmn")),
                    user + " interval");
        }
        for (Reply reply : List.of(
                postJson(null, PLAN, request(1, 1)),
                postJson(null, MIGRATE, request(1, 1)),
                get(null, VERSIONS),
                send(null, "POST", ELIGIBILITY, "application/xml", eligibility))) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
            assertThat(reply.contentType()).isEqualTo("application/problem+json");
        }
    }

    @Test
    void processOwnersAndAdministratorsPlanAndPreviewAndBadInputNamesTheField() throws IOException {
        for (String user : List.of("owner", "demo")) {
            Reply versions = get(user, VERSIONS);
            assertThat(versions.status()).as(versions.toString()).isEqualTo(200);
            int latest = versions.json().properties().stream()
                    .mapToInt(e -> Integer.parseInt(e.getKey()))
                    .max()
                    .orElseThrow();

            Reply sameVersion = postJson(user, PLAN, request(latest, latest));
            assertThat(sameVersion.status()).isEqualTo(400);
            assertThat(sameVersion.json().path("field").asText()).isEqualTo("targetVersion");
            Reply noKey = postJson(user, PLAN, Map.of("sourceVersion", 1, "targetVersion", 2));
            assertThat(noKey.status()).isEqualTo(400);
            assertThat(noKey.json().path("field").asText()).isEqualTo("processDefinitionKey");
            Reply unknownVersion = postJson(user, MIGRATE, request(latest, latest + 1));
            assertThat(unknownVersion.status()).isEqualTo(400);
            assertThat(unknownVersion.json().path("field").asText()).isEqualTo("targetVersion");

            Map<String, Integer> rows = rowCounts();
            Reply preview = send(user, "POST", ELIGIBILITY, "application/xml", table("case-finding-eligibility.dmn"));
            assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
            assertThat(preview.json().path("entering").asInt()).isZero();
            assertThat(preview.json().path("leaving").asInt()).isZero();
            Reply multipart = multipart(user, TRIGGER, table("coordinator-trigger.dmn"));
            assertThat(multipart.status()).as(multipart.toString()).isEqualTo(200);
            assertThat(multipart.json().path("changes").size()).isZero();
            assertThat(send(user, "POST", INTERVAL, "text/xml", table("mdt-review-interval.dmn"))
                            .status())
                    .isEqualTo(200);
            assertThat(rowCounts()).isEqualTo(rows);
        }

        Reply script = multipart(
                "owner",
                ELIGIBILITY,
                table("case-finding-eligibility.dmn")
                        .replaceFirst(
                                "<decision id=\"case-finding-eligibility\"",
                                "<decision expressionLanguage=\"groovy\" id=\"case-finding-eligibility\""));
        assertThat(script.status()).as(script.toString()).isEqualTo(400);
        assertThat(script.contentType()).isEqualTo("application/problem+json");
        assertThat(script.json().path("field").asText()).isEqualTo("dmn");
        Reply wrongTable = send("owner", "POST", ELIGIBILITY, "application/xml", table("mdt-review-interval.dmn"));
        assertThat(wrongTable.status()).isEqualTo(400);
        assertThat(wrongTable.json().path("field").asText()).isEqualTo("body");
    }

    @Test
    void cockpitShowsAVersionsTabThatReadsTheCountsWithTheWebappSession() throws Exception {
        Reply config = get(null, "/camunda/app/cockpit/scripts/config.js");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.text()).contains("custom/pathway-versions");
        Reply plugin = get(null, "/camunda/app/cockpit/custom/pathway-versions.js");
        assertThat(plugin.status()).isEqualTo(200);
        assertThat(plugin.text()).contains("cockpit.processDefinition.runtime.tab", VERSIONS.substring(0, 32));

        // the helper logs in through Tasklist, which process owners do not use; the administrator stands in for them
        WebappSession owner = new WebappSession(port);
        assertThat(owner.login("demo", true)).isEqualTo(200);
        var counts = owner.get(VERSIONS);
        assertThat(counts.statusCode()).as(counts.body()).isEqualTo(200);
        assertThat(JSON.readTree(counts.body()).size()).isPositive();
        // a session reads only: moving instances needs the password
        assertThat(owner.post(PLAN, JSON.writeValueAsString(request(1, 2)), true)
                        .statusCode())
                .isEqualTo(401);
        WebappSession lead = new WebappSession(port);
        assertThat(lead.login("drlee", true)).isEqualTo(200);
        assertThat(lead.get(VERSIONS).statusCode()).isEqualTo(403);
    }

    @Test
    void cockpitsRulePreviewPagePostsWithTheSessionOnlyWithCamundasCsrfToken() throws Exception {
        Reply config = get(null, "/camunda/app/cockpit/scripts/config.js");
        assertThat(config.text()).contains("custom/rule-preview");
        Reply plugin = get(null, "/camunda/app/cockpit/custom/rule-preview.js");
        assertThat(plugin.status()).isEqualTo(200);
        assertThat(plugin.text()).contains("cockpit.route", "cockpit.navigation", ELIGIBILITY, TRIGGER, INTERVAL);
        String eligibility = table("case-finding-eligibility.dmn");
        String patient = jdbc.sql("select fhir_id from patient order by id limit 1")
                .query(String.class)
                .single();
        Map<String, Integer> rows = rowCounts();
        long instances = runtime.createProcessInstanceQuery().count();

        WebappSession owner = new WebappSession(port);
        assertThat(owner.login("owner", true, "cockpit")).isEqualTo(200);
        owner.open("cockpit");
        var preview = owner.multipart(ELIGIBILITY, "dmn", eligibility, true);
        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        assertThat(JSON.readTree(preview.body()).path("practices").size()).isPositive();
        var trigger = owner.multipart(TRIGGER, "dmn", table("coordinator-trigger.dmn"), true);
        assertThat(trigger.statusCode()).as(trigger.body()).isEqualTo(200);
        var interval = owner.multipart(INTERVAL, "dmn", table("mdt-review-interval.dmn"), true);
        assertThat(interval.statusCode()).as(interval.body()).isEqualTo(200);
        // a wrong table is a problem JSON with a detail the page shows
        var wrong = owner.multipart(ELIGIBILITY, "dmn", table("mdt-review-interval.dmn"), true);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(wrong.body()).path("detail").asText()).isNotBlank();

        // without the token the session does not log in
        assertThat(owner.multipart(ELIGIBILITY, "dmn", eligibility, false).statusCode())
                .isEqualTo(401);
        // the session and token on any other write: still HTTP Basic only
        assertThat(owner.post("/api/patients/" + patient + "/pathway/events", "{\"event\":\"PATIENT_DIED\"}", true)
                        .statusCode())
                .isEqualTo(401);
        assertThat(owner.post(PLAN, JSON.writeValueAsString(request(1, 2)), true)
                        .statusCode())
                .isEqualTo(401);
        assertThat(owner.multipart(ELIGIBILITY + "/", "dmn", eligibility, true).statusCode())
                .isEqualTo(401);

        // a clinician's session and token: logged in, but not a process owner
        WebappSession clinician = new WebappSession(port);
        assertThat(clinician.login("drpatel", true)).isEqualTo(200);
        clinician.open("tasklist");
        var refused = clinician.multipart(ELIGIBILITY, "dmn", eligibility, true);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(clinician
                        .post("/api/patients/" + patient + "/pathway/events", "{\"event\":\"PATIENT_DIED\"}", true)
                        .statusCode())
                .isEqualTo(401);

        // a token from another session does not do either
        WebappSession other = new WebappSession(port);
        assertThat(other.login("drlee", true)).isEqualTo(200);
        other.open("tasklist");
        assertThat(owner.multipart(ELIGIBILITY, "dmn", eligibility, other.token())
                        .statusCode())
                .isEqualTo(401);

        assertThat(rowCounts()).isEqualTo(rows);
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(instances);
    }

    private static void assertRefused(Reply reply, String what) {
        assertThat(reply.status()).as(what + ": " + reply).isEqualTo(403);
        assertThat(reply.contentType()).as(what).isEqualTo("application/problem+json");
    }

    private Reply multipart(String user, String path, String dmn) {
        String boundary = "----preview" + System.nanoTime();
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"dmn\"; filename=\"table.dmn\"\r\n"
                + "Content-Type: application/xml\r\n\r\n"
                + dmn + "\r\n--" + boundary + "--\r\n";
        return send(
                user,
                "POST",
                path,
                "multipart/form-data; boundary=" + boundary,
                HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8),
                Map.of());
    }
}
