package org.coordinatedcare.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.coordinatedcare.Diagram.CoordinatedCare;
import org.coordinatedcare.FormAnswers;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.system.LiveServerTestSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code /actuator/prometheus}: who may scrape it, and a pathway's move seen in the stage and task gauges. The gauges
 * are read at most every {@code coordinated-care.metrics.refresh} (5 s), so a change is awaited, not expected at once;
 * other tests' pathways count too, so only the difference is checked.
 */
class PrometheusMetricsTest extends LiveServerTestSupport {

    private static final String SCRAPE = "/actuator/prometheus";
    private static final Duration REFRESH = Duration.ofSeconds(20);

    @Test
    void administratorsAndTheScrapeAccountOnly() {
        assertThat(get(null, SCRAPE).status()).isEqualTo(401);
        for (String user : java.util.List.of("drpatel", "manager", "gpfeed")) {
            Reply reply = get(user, SCRAPE);
            assertThat(reply.status()).as(user + " " + reply).isEqualTo(403);
            assertThat(reply.contentType()).isEqualTo("application/problem+json");
        }
        for (String user : java.util.List.of("demo", "prometheus")) {
            Reply reply = get(user, SCRAPE);
            assertThat(reply.status()).as(user).isEqualTo(200);
            assertThat(reply.text())
                    .contains("coordinated_care_pathways{activity=\"Task_AssignNamedProfessional\"")
                    .contains("coordinated_care_tasks_open{role=\"clinical-lead\"}")
                    .contains("coordinated_care_tasks_overdue{role=\"care-coordinator\"}")
                    .contains("coordinated_care_jobs_due ")
                    .contains("coordinated_care_incidents{type=\"failedJob\"}")
                    .contains("coordinated_care_register_import_seconds_count{format=\"ndjson\"}")
                    .contains("coordinated_care_case_finding_seconds_count ");
        }
        // the scrape account reads nothing else of the actuator
        assertThat(get("prometheus", "/actuator/metrics").status()).isEqualTo(403);
        assertThat(get("prometheus", "/actuator/env").status()).isEqualTo(403);
    }

    @Test
    void theStageGaugeMovesWhenAPathwayMoves() {
        String assign = stage(CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL);
        String invitation = stage(CoordinatedCare.RECORD_INVITATION_RESPONSE);
        String leadsTasks = "coordinated_care_tasks_open{role=\"clinical-lead\"}";
        double atAssign = value(assign);
        double atInvitation = value(invitation);
        double leads = value(leadsTasks);

        Patient patient = identified();
        awaitValue(assign, atAssign + 1);
        awaitValue(leadsTasks, leads + 1);

        complete(
                patient,
                CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL,
                FormAnswers.of(FormAnswers.ASSIGN_NAMED_PROFESSIONAL));
        awaitValue(assign, atAssign);
        awaitValue(invitation, atInvitation + 1);
        awaitValue(leadsTasks, leads);
    }

    private static String stage(String activity) {
        return "coordinated_care_pathways{activity=\"" + activity + "\"";
    }

    private void awaitValue(String series, double expected) {
        await().atMost(REFRESH)
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(value(series)).as(series).isEqualTo(expected));
    }

    /** The value of the first series whose line starts with this name and labels; 0 when it is not listed. */
    private double value(String series) {
        Reply reply = get("prometheus", SCRAPE);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.text()
                .lines()
                .filter(line -> line.startsWith(series))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(0.0);
    }
}
