package org.coordinatedcare.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coordinatedcare.FormAnswers.AGREE_CLOSURE;
import static org.coordinatedcare.FormAnswers.APPOINT_CARE_COORDINATOR;
import static org.coordinatedcare.FormAnswers.CONFIRM_REFERRALS;
import static org.coordinatedcare.FormAnswers.DECIDE_FUNDING;
import static org.coordinatedcare.FormAnswers.HOLD_MDT_REVIEW;
import static org.coordinatedcare.FormAnswers.HOLISTIC_ASSESSMENT;
import static org.coordinatedcare.FormAnswers.RECORD_INVITATION_RESPONSE;
import static org.coordinatedcare.FormAnswers.RECORD_REFERRAL_OUTCOME;
import static org.coordinatedcare.FormAnswers.RECORD_REFERRAL_RESPONSE;
import static org.coordinatedcare.FormAnswers.SCHEDULE_COORDINATED_CARE;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.coordinatedcare.Diagram.CarePlanning;
import org.coordinatedcare.Diagram.CoordinatedCare;
import org.coordinatedcare.Diagram.MdtReview;
import org.coordinatedcare.FormAnswers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;

/**
 * The whole application on PostgreSQL, in a database of its own: one demo patient is carried from identification to
 * closure over the engine REST API, each step by the user whose role it is, and the domain tables are checked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "postgres"})
class CoordinatedCarePostgresIT {

    static final String ADMIN_PASSWORD = "it-" + UUID.randomUUID();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    /**
     * A new database for this run. Databases of earlier runs are dropped first rather than at the end, because the
     * application still holds connections when the test class finishes.
     */
    @DynamicPropertySource
    static void freshDatabase(DynamicPropertyRegistry registry) {
        String url = ItDatabase.freshUrl("coordinated_care_it_");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("camunda.bpm.admin-user.password", () -> ADMIN_PASSWORD);
        registry.add("demo.patients-per-practice", () -> "12");
    }

    @Test
    void authorizationChecksHaveTheirStatisticsAndConnectionsNoJit() {
        // ADR 0013: without these PostgreSQL compares every open task with every authorization row
        assertThat(jdbc.sql(
                                "select stxname from pg_statistic_ext where stxrelid = 'act_ru_authorization'::regclass order by stxname")
                        .query(String.class)
                        .list())
                .containsExactly(
                        "cc_stat_auth_perms_2",
                        "cc_stat_auth_perms_4096",
                        "cc_stat_auth_perms_512",
                        "cc_stat_auth_perms_64");
        assertThat(jdbc.sql("show jit").query(String.class).single()).isEqualTo("off");
    }

    @Test
    void taskListsArePlannedWithTheirParameterValuesAndNoOtherRequestIs() throws Exception {
        // ADR 0013: a generic plan cannot use the statistics above, so task lists plan afresh, as index probes
        Filter plans = context.getBean("taskListQueryPlans", Filter.class);
        List<String> seen = new ArrayList<>();
        String settings = "select current_setting('plan_cache_mode') || ' ' || current_setting('enable_material')";
        FilterChain showSetting = (request, response) ->
                seen.add(jdbc.sql(settings).query(String.class).single());
        plans.doFilter(
                new MockHttpServletRequest("POST", "/engine-rest/filter/f1/list"),
                new MockHttpServletResponse(),
                showSetting);
        plans.doFilter(
                new MockHttpServletRequest("GET", "/camunda/api/engine/engine/default/task/count"),
                new MockHttpServletResponse(),
                showSetting);
        plans.doFilter(
                new MockHttpServletRequest("GET", "/camunda/api/engine/engine/default/filter"),
                new MockHttpServletResponse(),
                showSetting); // Tasklist's sidebar: every filter with its count
        plans.doFilter(
                new MockHttpServletRequest("POST", "/engine-rest/task/t1/complete"),
                new MockHttpServletResponse(),
                showSetting);
        plans.doFilter(
                new MockHttpServletRequest("POST", "/engine-rest/filter"), new MockHttpServletResponse(), showSetting);
        plans.doFilter(new MockHttpServletRequest("GET", "/api/worklist"), new MockHttpServletResponse(), showSetting);
        assertThat(seen)
                .containsExactly(
                        "force_custom_plan off",
                        "force_custom_plan off",
                        "force_custom_plan off",
                        "auto on",
                        "auto on",
                        "auto on");
        assertThat(jdbc.sql(settings).query(String.class).single())
                .as("ends with the request")
                .isEqualTo("auto on");

        // through the API: a refused query is still the engine's 400, not a failed commit
        EngineRestClient rest = new EngineRestClient(port);
        assertThat(rest.get("drlee", "/engine-rest/task/count").status()).isEqualTo(200);
        EngineRestClient.Reply refused = rest.get("drlee", "/engine-rest/task?sortBy=nonsense&sortOrder=asc");
        assertThat(refused.status()).isEqualTo(400);
    }

    @Test
    void carriesAPatientFromIdentificationToClosureOverTheEngineRestApi() {
        EngineRestClient rest = new EngineRestClient(port);
        // the patient as every interface names them: their FHIR Patient id (ADR 0019); the row id only for our tables
        long patientRowId = jdbc.sql("""
                        select p.id from patient p join practice pr on pr.id = p.practice_id
                        where pr.ods_code = 'A10001'
                          and not exists (select 1 from episode e where e.patient_id = p.id)
                        order by p.id limit 1""").query(Long.class).single();
        String patient = jdbc.sql("select fhir_id from patient where id = ?")
                .param(patientRowId)
                .query(String.class)
                .single();

        assertThat(rest.post(null, "/engine-rest/message", Map.of()).status()).isEqualTo(401);

        EngineRestClient.Reply started = rest.post(
                "drlee",
                "/engine-rest/message",
                Map.of(
                        "messageName",
                        "PatientIdentified",
                        "businessKey",
                        patient,
                        "processVariables",
                        Map.of("patientId", Map.of("value", patient)),
                        "resultEnabled",
                        true));
        assertThat(started.status()).as(String.valueOf(started.body())).isEqualTo(200);

        // a Walworth clinician cannot see a Borough task; a manager sees it but cannot complete it
        String firstTask = rest.awaitTask("drlee", patient, CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL)
                .get("id")
                .asText();
        assertThat(rest.tasks("drwright", patient, CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL))
                .isEmpty();
        assertThat(rest.tasks("manager", patient, CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL))
                .hasSize(1);
        assertThat(rest.post(
                                "manager",
                                "/engine-rest/task/" + firstTask + "/submit-form",
                                Map.of("variables", Map.of("namedProfessional", Map.of("value", "drpatel"))))
                        .status())
                .isEqualTo(403);
        // clinicians cannot deploy (deployed scripts would run inside the server)
        assertThat(rest.deploy("drlee").status()).isEqualTo(403);
        assertThat(rest.deploy("owner").status()).isEqualTo(200);

        // refused input answers 400 with the plain message, and the task stays open
        EngineRestClient.Reply refused = rest.submitWhenReady(
                "drlee", patient, CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL, Map.of("namedProfessional", "splwjones"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("message").asText())
                .isEqualTo("'splwjones' is not a GP or practice nurse at practice A10001.");

        String assignTask = rest.awaitTask("drlee", patient, CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL)
                .get("id")
                .asText();
        Map<String, Object> assignment = Map.of(
                "variables",
                Map.of(
                        "namedProfessional",
                        Map.of("value", "drpatel"),
                        "assignmentNote",
                        Map.of("value", "Has known her for years")));
        ok(rest.post("drlee", "/engine-rest/task/" + assignTask + "/submit-form", assignment));
        // a second submission of the same task (a double click, a colleague) is told plainly it is gone
        EngineRestClient.Reply again =
                rest.post("drlee", "/engine-rest/task/" + assignTask + "/submit-form", assignment);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.body().get("message").asText()).contains("no longer open");
        ok(rest.submitWhenReady(
                "coordsmith",
                patient,
                CoordinatedCare.RECORD_INVITATION_RESPONSE,
                FormAnswers.with(
                        RECORD_INVITATION_RESPONSE,
                        "meetingDate",
                        LocalDate.now().plusDays(7).toString())));
        ok(rest.submitWhenReady(
                "nurseokafor",
                patient,
                CarePlanning.HOLISTIC_ASSESSMENT,
                FormAnswers.with(HOLISTIC_ASSESSMENT, "hasSocialNeeds", true, "selfManagementConfidence", "medium")));
        // checked below: markup in what matters to the person is stored as text
        ok(rest.submitWhenReady(
                "drpatel",
                patient,
                CarePlanning.HOLD_CARE_PLANNING_MEETING,
                FormAnswers.carePlanWithOneAction(
                        "whatMattersToMe",
                        "Seeing my grandchildren <b>every</b> week",
                        "sharedWith",
                        List.of("PATIENT", "GP", "HOSPITAL"))));
        ok(rest.submitWhenReady(
                "drpatel",
                patient,
                CoordinatedCare.CONFIRM_REFERRALS,
                FormAnswers.with(CONFIRM_REFERRALS, "referralTypes", List.of("SOCIAL_PRESCRIBING"))));
        ok(rest.submitWhenReady(
                "splwjones",
                patient,
                CoordinatedCare.RECORD_REFERRAL_RESPONSE,
                FormAnswers.of(RECORD_REFERRAL_RESPONSE)));
        ok(rest.submitWhenReady(
                "splwjones",
                patient,
                CoordinatedCare.RECORD_REFERRAL_OUTCOME,
                FormAnswers.with(RECORD_REFERRAL_OUTCOME, "outcomeNote", "Joined a lunch club")));

        fireMdtReviewTimer(rest, patient);
        ok(rest.submitWhenReady(
                "drpatel",
                patient,
                MdtReview.HOLD_MDT_REVIEW,
                FormAnswers.with(
                        HOLD_MDT_REVIEW, "needTrend", "rising", "agenciesInvolved", 2, "mdtOutcome", "continue")));
        ok(rest.submitWhenReady(
                "drlee",
                patient,
                CoordinatedCare.APPOINT_CARE_COORDINATOR,
                FormAnswers.with(APPOINT_CARE_COORDINATOR, "careCoordinator", "coordsmith")));
        ok(rest.submitWhenReady("drpatel", patient, CoordinatedCare.DECIDE_FUNDING, FormAnswers.of(DECIDE_FUNDING)));
        ok(rest.submitWhenReady(
                "coordsmith",
                patient,
                CoordinatedCare.SCHEDULE_COORDINATED_CARE,
                FormAnswers.of(SCHEDULE_COORDINATED_CARE)));

        fireMdtReviewTimer(rest, patient);
        ok(rest.submitWhenReady(
                "drpatel",
                patient,
                MdtReview.HOLD_MDT_REVIEW,
                FormAnswers.with(
                        HOLD_MDT_REVIEW,
                        "needTrend",
                        "stable",
                        "agenciesInvolved",
                        2,
                        "mdtOutcome",
                        "proposeClosure")));
        ok(rest.submitWhenReady("drpatel", patient, CoordinatedCare.AGREE_CLOSURE, FormAnswers.of(AGREE_CLOSURE)));

        long episodeId = awaitClosedEpisode(patientRowId);
        assertThat(jdbc.sql("select closure_reason from episode where id = ?")
                        .param(episodeId)
                        .query(String.class)
                        .single())
                .isEqualTo("NEEDS_STABLE");
        assertThat(count(
                        "select count(*) from named_professional_assignment where episode_id = ? and ended_at is not null",
                        episodeId))
                .isEqualTo(1);
        assertThat(count(
                        "select count(*) from coordinator_assignment where episode_id = ? and appointment_trigger = 'RISING_NEED'",
                        episodeId))
                .isEqualTo(1);
        assertThat(count(
                        "select count(*) from care_plan_share s join care_plan c on c.id = s.care_plan_id where c.episode_id = ? and s.shared_at is not null",
                        episodeId))
                .isEqualTo(3);
        assertThat(jdbc.sql("select what_matters_to_me from care_plan where episode_id = ?")
                        .param(episodeId)
                        .query(String.class)
                        .single())
                .isEqualTo("Seeing my grandchildren <b>every</b> week");
        assertThat(count("select count(*) from referral where episode_id = ? and status = 'COMPLETED'", episodeId))
                .isEqualTo(1);
        assertThat(count("select count(*) from mdt_review where episode_id = ? and status = 'HELD'", episodeId))
                .isEqualTo(2);
        assertThat(count("select count(*) from patient_document where episode_id = ?", episodeId))
                .isEqualTo(3);
        assertThat(jdbc.sql("select content from patient_document where episode_id = ? and kind = 'CARE_PLAN'")
                        .param(episodeId)
                        .query(String.class)
                        .single())
                .contains("&lt;b&gt;every&lt;/b&gt;")
                .doesNotContain("<b>every");

        EngineRestClient.Reply audit = rest.get("drlee", "/api/patients/" + patient + "/audit");
        assertThat(audit.status()).isEqualTo(200);
        assertThat(EngineRestClient.iterate(audit.body()))
                .extracting(
                        e -> e.get("action").asText() + " by " + e.get("actor").asText())
                .containsExactly(
                        "NAMED_PROFESSIONAL_ASSIGNED by drlee",
                        "CARE_PLAN_AGREED by drpatel",
                        "CARE_PLAN_SHARED by system",
                        "CARE_COORDINATOR_APPOINTED by drlee",
                        "PATHWAY_CLOSED by drpatel");
        assertThat(rest.get("drwright", "/api/patients/" + patient + "/audit").status())
                .isEqualTo(403);

        EngineRestClient.Reply history = rest.get(
                "manager",
                "/engine-rest/history/process-instance?processInstanceBusinessKey=" + patient
                        + "&processDefinitionKey=coordinated-care&maxResults=10");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.body().get(0).get("state").asText()).isEqualTo("COMPLETED");
        // queries by logged-in users must page (queryMaxResultsLimit)
        assertThat(rest.get("manager", "/engine-rest/history/process-instance").status())
                .isEqualTo(400);
    }

    /** The review interval is weeks away; an administrator brings the timer forward, as they would in Cockpit. */
    private void fireMdtReviewTimer(EngineRestClient rest, String patient) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode instances = rest.get(
                            "admin",
                            "/engine-rest/process-instance?businessKey=" + patient
                                    + "&processDefinitionKey=coordinated-care&maxResults=10")
                    .body();
            String instanceId = instances.get(0).get("id").asText();
            JsonNode timers = rest.get(
                            "admin",
                            "/engine-rest/job?timers=true&activityId=Timer_MdtReviewDue&maxResults=10&processInstanceId="
                                    + instanceId)
                    .body();
            if (timers.size() == 1) {
                ok(rest.post(
                        "admin", "/engine-rest/job/" + timers.get(0).get("id").asText() + "/execute", Map.of()));
                return;
            }
            EngineRestClient.pause();
        }
        throw new AssertionError("The pathway of patient " + patient + " never waited for its MDT review");
    }

    private long awaitClosedEpisode(long patientId) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            List<Long> closed = jdbc.sql("select id from episode where patient_id = ? and status = 'CLOSED'")
                    .param(patientId)
                    .query(Long.class)
                    .list();
            if (!closed.isEmpty()) {
                return closed.get(0);
            }
            EngineRestClient.pause();
        }
        throw new AssertionError("The episode of patient " + patientId + " was never closed");
    }

    private int count(String sql, long episodeId) {
        return jdbc.sql(sql).param(episodeId).query(Integer.class).single();
    }

    private static void ok(EngineRestClient.Reply reply) {
        assertThat(reply.status()).as(String.valueOf(reply.body())).isBetween(200, 204);
    }
}
