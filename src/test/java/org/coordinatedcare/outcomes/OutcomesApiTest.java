package org.coordinatedcare.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.coordinatedcare.Diagram.CarePlanning;
import org.coordinatedcare.Diagram.CoordinatedCare;
import org.coordinatedcare.FormAnswers;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.system.LiveServerTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The outcomes report on a population with known answers: seven Borough patients driven through known stages, then
 * dated into March 2019, a period no other test uses, with known days to each milestone and known hospital
 * encounters. Then who may read it, as an attacker would try.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutcomesApiTest extends LiveServerTestSupport {

    private static final String MARCH_2019 = "/api/outcomes?practice=A10001&from=2019-03-01&to=2019-03-31";
    private static final int[] DAYS_TO_NAMED = {1, 2, 3, 4, 5, 6};
    private static final int[] DAYS_TO_PLAN = {10, 20, 30, 40, 50};

    private final List<Patient> people = new ArrayList<>();

    @BeforeAll
    void sevenPatientsAtKnownStages() {
        for (int i = 0; i < 7; i++) {
            people.add(identified());
        }
        for (int i = 0; i < 6; i++) {
            complete(
                    people.get(i),
                    CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL,
                    FormAnswers.of(FormAnswers.ASSIGN_NAMED_PROFESSIONAL));
        }
        for (int i = 0; i < 5; i++) {
            Patient p = people.get(i);
            complete(
                    p,
                    CoordinatedCare.RECORD_INVITATION_RESPONSE,
                    FormAnswers.of(FormAnswers.RECORD_INVITATION_RESPONSE));
            complete(p, CarePlanning.HOLISTIC_ASSESSMENT, FormAnswers.of(FormAnswers.HOLISTIC_ASSESSMENT));
            complete(p, CarePlanning.HOLD_CARE_PLANNING_MEETING, FormAnswers.of(FormAnswers.CARE_PLANNING_MEETING));
        }
        // the sixth declines and their named professional closes the episode
        Patient declines = people.get(5);
        complete(
                declines,
                CoordinatedCare.RECORD_INVITATION_RESPONSE,
                FormAnswers.with(FormAnswers.RECORD_INVITATION_RESPONSE, "invitationResponse", "declined"));
        complete(
                declines,
                CoordinatedCare.DECIDE_AFTER_NO_RESPONSE,
                FormAnswers.of(FormAnswers.DECIDE_AFTER_NO_RESPONSE));

        for (int i = 0; i < 7; i++) {
            long patient = people.get(i).id();
            LocalDate identified = identifiedOn(i);
            jdbc.sql("update episode set opened_at = :at where patient_id = :p")
                    .param("at", identified.atTime(9, 0))
                    .param("p", patient)
                    .update();
            jdbc.sql("update patient set sex = :sex where id = :p")
                    .param("sex", i < 5 ? "female" : "male")
                    .param("p", patient)
                    .update();
            if (i < 6) {
                jdbc.sql("update named_professional_assignment set started_at = :at"
                                + " where episode_id = (select id from episode where patient_id = :p)")
                        .param("at", identified.atTime(9, 0).plusDays(DAYS_TO_NAMED[i]))
                        .param("p", patient)
                        .update();
            }
            if (i < 5) {
                jdbc.sql("update care_plan set created_at = :at, review_date = :review"
                                + " where episode_id = (select id from episode where patient_id = :p)")
                        .param("at", identified.atTime(9, 0).plusDays(DAYS_TO_PLAN[i]))
                        .param("review", LocalDate.of(2019, 12, 1))
                        .param("p", patient)
                        .update();
            }
            // two admissions in the year before, one the year before that (not counted), one after for the first three
            encounter(patient, "UNPLANNED_ADMISSION", identified.minusDays(100));
            encounter(patient, "UNPLANNED_ADMISSION", identified.minusDays(200));
            if (i == 0) {
                encounter(patient, "UNPLANNED_ADMISSION", identified.minusDays(400));
            }
            if (i < 3) {
                encounter(patient, "UNPLANNED_ADMISSION", identified.plusDays(30));
            }
            if (i < 4) {
                encounter(patient, "AE_ATTENDANCE", identified.minusDays(10));
            }
        }
    }

    private static LocalDate identifiedOn(int i) {
        return LocalDate.of(2019, 3, 1 + i);
    }

    private void encounter(long patient, String type, LocalDate on) {
        jdbc.sql("insert into encounter (patient_id, type, occurred_on) values (:p, :t, :on)")
                .param("p", patient)
                .param("t", type)
                .param("on", on)
                .update();
    }

    @Test
    void funnelCountsEachStageAndSuppressesSmallNumbers() {
        Reply reply = get("manager", MARCH_2019);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode funnel = reply.json().path("tables").path("funnel");
        assertThat(count(funnel, "stage", "Identified")).isEqualTo(7);
        assertThat(count(funnel, "stage", "Identified: referred by a clinician or a feed"))
                .isEqualTo(7);
        assertThat(count(funnel, "stage", "Identified: 3+ long-term conditions"))
                .isZero();
        assertThat(count(funnel, "stage", "Named professional assigned")).isEqualTo(6);
        assertThat(count(funnel, "stage", "Invitation accepted")).isEqualTo(5);
        assertThat(count(funnel, "stage", "Invitation: no response")).isZero();
        assertThat(count(funnel, "stage", "Holistic assessment")).isEqualTo(5);
        assertThat(count(funnel, "stage", "Plan agreed")).isEqualTo(5);
        assertThat(count(funnel, "stage", "Care coordinator appointed")).isZero();
        // one person declined and one episode closed: fewer than 5, so null and flagged, never 0
        for (String stage : List.of("Invitation declined", "Closed", "Closed: Declined")) {
            JsonNode figure = figure(funnel, "stage", stage, "people");
            assertThat(figure.path("suppressed").asBoolean()).as(stage).isTrue();
            assertThat(figure.path("value").isNull()).as(stage).isTrue();
            assertThat(figure.path("people").isNull()).as(stage).isTrue();
        }
        assertThat(reply.json().path("minPeople").asInt()).isEqualTo(5);
        assertThat(reply.json().path("practices").toString()).isEqualTo("[\"A10001\"]");
        // the address the issue names gives the same answer
        Reply dashboard = get("manager", MARCH_2019.replace("/api/outcomes", "/api/dashboard"));
        assertThat(dashboard.status()).as(dashboard.toString()).isEqualTo(200);
        assertThat(dashboard.json()).isEqualTo(reply.json());
    }

    @Test
    void timesAreMediansAndNinetiethPercentilesInDays() {
        JsonNode time = get("manager", MARCH_2019).json().path("tables").path("time");
        String named = "Days from identification to named professional";
        assertThat(figure(time, "measure", named, "median").path("value").asDouble())
                .isEqualTo(3.5);
        assertThat(figure(time, "measure", named, "p90").path("value").asDouble())
                .isEqualTo(5.5);
        assertThat(figure(time, "measure", named, "median").path("people").asInt())
                .isEqualTo(6);
        String plan = "Days from identification to agreed plan";
        assertThat(figure(time, "measure", plan, "median").path("value").asDouble())
                .isEqualTo(30.0);
        assertThat(figure(time, "measure", plan, "p90").path("value").asDouble())
                .isEqualTo(46.0);
        assertThat(count(time, "measure", "Open pathways with a plan past its review date", "median"))
                .isEqualTo(5);

        // the first three days only: three people identified, two with a named professional, all suppressed
        JsonNode few = get("manager", "/api/outcomes?practice=A10001&from=2019-03-01&to=2019-03-03")
                .json()
                .path("tables");
        assertThat(figure(few.path("funnel"), "stage", "Identified", "people")
                        .path("suppressed")
                        .asBoolean())
                .isTrue();
        assertThat(figure(few.path("time"), "measure", named, "median")
                        .path("suppressed")
                        .asBoolean())
                .isTrue();
        assertThat(figure(few.path("time"), "measure", named, "median")
                        .path("value")
                        .isNull())
                .isTrue();
    }

    @Test
    void admissionsAndAttendancesPerPatientYearBeforeAndSince() {
        JsonNode outcomes = get("manager", MARCH_2019).json().path("tables").path("outcomes");
        JsonNode before = figure(outcomes, "measure", "Unplanned admissions", "before");
        assertThat(before.path("value").asDouble()).isEqualTo(2.0); // 14 admissions, 7 patients, one year each
        assertThat(before.path("people").asInt()).isEqualTo(7);
        long daysSince = 0;
        for (int i = 0; i < 7; i++) {
            daysSince += ChronoUnit.DAYS.between(identifiedOn(i), LocalDate.now());
        }
        double expectedSince = 3 / (daysSince / 365.0);
        JsonNode since = figure(outcomes, "measure", "Unplanned admissions", "since");
        assertThat(since.path("value").asDouble()).isCloseTo(expectedSince, within(0.006));
        assertThat(since.path("people").asInt()).isEqualTo(7);
        assertThat(figure(outcomes, "measure", "A&E attendances", "before")
                        .path("value")
                        .asDouble())
                .isEqualTo(0.57); // 4 of 7
        assertThat(figure(outcomes, "measure", "A&E attendances", "since")
                        .path("value")
                        .asDouble())
                .isZero();
    }

    @Test
    void equitySplitsBySexAgeAndPracticeWithSuppression() {
        JsonNode equity = get("manager", MARCH_2019).json().path("tables").path("equity");
        assertThat(equityRow(equity, "sex", "female")
                        .path("identified")
                        .path("value")
                        .asInt())
                .isEqualTo(5);
        assertThat(equityRow(equity, "sex", "female")
                        .path("planAgreed")
                        .path("value")
                        .asInt())
                .isEqualTo(5);
        assertThat(equityRow(equity, "sex", "male")
                        .path("identified")
                        .path("suppressed")
                        .asBoolean())
                .isTrue();
        assertThat(equityRow(equity, "sex", "male")
                        .path("admissionsBefore")
                        .path("suppressed")
                        .asBoolean())
                .isTrue();
        assertThat(equityRow(equity, "age band", "65-74")
                        .path("identified")
                        .path("value")
                        .asInt())
                .isEqualTo(7);
        assertThat(equityRow(equity, "ethnicity", "not recorded")
                        .path("identified")
                        .path("value")
                        .asInt())
                .isEqualTo(7);
        assertThat(equityRow(equity, "practice", "A10001")
                        .path("admissionsBefore")
                        .path("value")
                        .asDouble())
                .isEqualTo(2.0);
    }

    @Test
    void overdueTasksCountPerRoleAndCaseloadsPerProfessional() {
        int leadsBefore = overdue("Clinical lead");
        int gpsBefore = overdue("GP");
        Patient late = identified();
        org.camunda.bpm.engine.task.Task assign = task(late, CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL);
        assign.setDueDate(java.util.Date.from(java.time.Instant.now().minus(java.time.Duration.ofDays(2))));
        tasks.saveTask(assign);

        assertThat(overdue("Clinical lead")).isEqualTo(leadsBefore + 1);
        assertThat(overdue("GP")).isEqualTo(gpsBefore);

        JsonNode caseloads = get("manager", "/api/outcomes?practice=A10001")
                .json()
                .path("tables")
                .path("caseloads");
        JsonNode patel = null;
        for (JsonNode row : caseloads.path("rows")) {
            if (row.path("role").asText().equals("Named professional")
                    && row.path("professional").asText().endsWith("Patel")) {
                patel = row;
            }
        }
        assertThat(patel).as(caseloads.toString()).isNotNull();
        int open = jdbc.sql("select count(distinct e.id) from named_professional_assignment a"
                        + " join episode e on e.id = a.episode_id and e.status = 'ACTIVE'"
                        + " join professional p on p.id = a.professional_id"
                        + " where a.ended_at is null and p.login_id = 'drpatel'")
                .query(Integer.class)
                .single();
        assertThat(patel.path("patients").path("value").asInt()).isEqualTo(open).isGreaterThanOrEqualTo(4);
    }

    private int overdue(String role) {
        JsonNode table = get("manager", "/api/outcomes?practice=A10001")
                .json()
                .path("tables")
                .path("overdueTasks");
        return figure(table, "role", role, "overdue").path("value").asInt();
    }

    @Test
    void aCountLeadsToThePeopleBehindItUnlessSuppressed() {
        String query = "&practice=A10001&from=2019-03-01&to=2019-03-31";
        Reply planned = get("manager", "/api/outcomes/people?stage=Plan+agreed" + query);
        assertThat(planned.status()).as(planned.toString()).isEqualTo(200);
        assertThat(planned.json().path("count").path("value").asInt()).isEqualTo(5);
        assertThat(planned.json().path("people").findValuesAsText("patientId"))
                .containsExactlyInAnyOrderElementsOf(
                        people.subList(0, 5).stream().map(Patient::fhirId).toList());
        assertThat(planned.json()
                        .path("people")
                        .get(0)
                        .path("processInstanceId")
                        .asText())
                .isNotBlank();
        assertThat(planned.text()).doesNotContain("\"id\"");

        Reply declined = get("manager", "/api/outcomes/people?stage=Invitation+declined" + query);
        assertThat(declined.json().path("count").path("suppressed").asBoolean()).isTrue();
        assertThat(declined.json().path("people")).isEmpty();
        assertThat(declined.text()).doesNotContain(people.get(5).fhirId());

        assertThat(get("drokoro", "/api/outcomes/people?stage=Identified" + query)
                        .status())
                .isEqualTo(403);
        Reply unknown = get("manager", "/api/outcomes/people?stage=Everyone" + query);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("field").asText()).isEqualTo("stage");
    }

    @Test
    void theDemoPopulationIsImportedWithSexEthnicityAndDeprivation() {
        var counts = jdbc.sql("select count(*) all_demo, count(sex) sexes, count(ethnic_category) ethnicities,"
                        + " count(imd_quintile) quintiles, count(distinct imd_quintile) distinct_quintiles"
                        + " from patient where fhir_id like 'demo-%'")
                .query()
                .singleRow();
        long all = ((Number) counts.get("all_demo")).longValue();
        assertThat(all).isPositive();
        assertThat(((Number) counts.get("sexes")).longValue()).isEqualTo(all);
        assertThat(((Number) counts.get("ethnicities")).longValue()).isEqualTo(all);
        assertThat(((Number) counts.get("quintiles")).longValue()).isEqualTo(all);
        assertThat(((Number) counts.get("distinct_quintiles")).longValue()).isGreaterThan(1);
    }

    @Test
    void eachTableDownloadsAsCsv() {
        Reply csv = get("manager", "/api/outcomes/funnel.csv?practice=A10001&from=2019-03-01&to=2019-03-31");
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.contentType()).isEqualTo("text/csv");
        assertThat(csv.text()).startsWith("stage,people,people_suppressed\r\n");
        assertThat(csv.text()).contains("Identified,7,false\r\n", "Invitation declined,,true\r\n");
        Reply time = get("manager", "/api/outcomes/time.csv?practice=A10001&from=2019-03-01&to=2019-03-31");
        assertThat(time.text()).contains("Days from identification to named professional,3.5,false,5.5,false");

        Reply unknown = get("manager", "/api/outcomes/patients.csv");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("field").asText()).isEqualTo("table");
    }

    @Test
    void managersSeeEveryPracticeAndClinicalLeadsTheirOwn() {
        Reply all = get("manager", "/api/outcomes");
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.json().path("practices")).hasSize(4);

        Reply ownLead = get("drlee", MARCH_2019);
        assertThat(ownLead.status()).as(ownLead.toString()).isEqualTo(200);
        assertThat(count(ownLead.json().path("tables").path("funnel"), "stage", "Identified"))
                .isEqualTo(7);

        Reply otherLeadDefault = get("drokoro", "/api/outcomes?from=2019-03-01&to=2019-03-31");
        assertThat(otherLeadDefault.status()).isEqualTo(200);
        assertThat(otherLeadDefault.json().path("practices").toString()).isEqualTo("[\"A10003\"]");
        assertThat(count(otherLeadDefault.json().path("tables").path("funnel"), "stage", "Identified"))
                .isZero();
    }

    @Test
    void anAttackerGetsNothing() {
        // another practice's clinical lead naming Borough, by practice, by neighbourhood, or as CSV
        for (String path : List.of(
                MARCH_2019,
                "/api/outcomes?neighbourhood=" + neighbourhoodOf("A10001"),
                "/api/outcomes/funnel.csv?practice=A10001")) {
            Reply reply = get("drokoro", path);
            assertThat(reply.status()).as(path + " " + reply).isEqualTo(403);
            assertThat(reply.contentType()).isEqualTo("application/problem+json");
            assertThat(reply.text()).doesNotContain("Identified");
        }
        // a clinician who is not a clinical lead, and a care coordinator of the same practice
        for (String user : List.of("drpatel", "coordsmith", "gpfeed")) {
            Reply reply = get(user, MARCH_2019);
            assertThat(reply.status()).as(user + " " + reply).isEqualTo(403);
            assertThat(reply.contentType()).isEqualTo("application/problem+json");
        }
        Reply stranger = get(null, MARCH_2019);
        assertThat(stranger.status()).isEqualTo(401);
        // (no wrong password for a demo login here: that would lock the account for the other tests)
    }

    /**
     * The Cockpit plugin reads with the page's webapp session. The read must not change the session's id: Cockpit's
     * other requests, sent at the same time on the old id, would fail and log the manager out.
     */
    @Test
    void cockpitsSessionReadsOutcomesAndStaysLoggedIn() throws Exception {
        java.net.CookieManager cookies = new java.net.CookieManager();
        java.net.http.HttpClient browser =
                java.net.http.HttpClient.newBuilder().cookieHandler(cookies).build();
        String base = "http://localhost:" + port;
        browser.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/camunda/app/cockpit/default/"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        String token = cookie(cookies, "XSRF-TOKEN");
        var login = browser.send(
                java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create(base + "/camunda/api/admin/auth/user/default/login/cockpit"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-XSRF-TOKEN", token)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=manager&password=demo"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String session = cookie(cookies, "JSESSIONID");

        var read = browser.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + MARCH_2019))
                        .header("Accept", "application/json")
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(JSON.readTree(read.body())
                        .at("/tables/funnel/rows/0/people/value")
                        .asInt())
                .isEqualTo(7);
        assertThat(read.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID"));
        assertThat(cookie(cookies, "JSESSIONID")).isEqualTo(session);
        var stillIn = browser.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                base + "/camunda/api/engine/engine/default/process-definition/count"))
                        .header("Accept", "application/json")
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(stillIn.statusCode()).as(stillIn.body()).isEqualTo(200);
    }

    private static String cookie(java.net.CookieManager cookies, String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .map(java.net.HttpCookie::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no cookie " + name));
    }

    @Test
    void badParametersAreProblemsNamingTheField() {
        assertField("/api/outcomes?from=2019-13-01", "from");
        assertField("/api/outcomes?to=yesterday", "to");
        assertField("/api/outcomes?from=2019-03-31&to=2019-03-01", "to");
        assertField("/api/outcomes?practice=Z99999", "practice");
        assertField("/api/outcomes?neighbourhood=Atlantis", "neighbourhood");
        assertField("/api/outcomes?practice=A10001&neighbourhood=" + neighbourhoodOf("A10002"), "neighbourhood");
    }

    private void assertField(String path, String field) {
        Reply reply = get("manager", path);
        assertThat(reply.status()).as(path + " " + reply).isEqualTo(400);
        assertThat(reply.contentType()).isEqualTo("application/problem+json");
        assertThat(reply.json().path("field").asText()).as(path).isEqualTo(field);
        assertThat(reply.text()).doesNotContain("Exception");
    }

    private String neighbourhoodOf(String ods) {
        return java.net.URLEncoder.encode(
                practices.findByOdsCode(ods).orElseThrow().neighbourhood(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static JsonNode row(JsonNode table, String key, String label) {
        for (JsonNode row : table.path("rows")) {
            if (row.path(key).asText().equals(label)) {
                return row;
            }
        }
        throw new AssertionError("no row " + label + " in " + table);
    }

    private static JsonNode figure(JsonNode table, String key, String label, String column) {
        return row(table, key, label).path(column);
    }

    private static int count(JsonNode table, String key, String label) {
        return count(table, key, label, "people");
    }

    private static int count(JsonNode table, String key, String label, String column) {
        JsonNode figure = figure(table, key, label, column);
        assertThat(figure.path("suppressed").asBoolean())
                .as(label + " " + figure)
                .isFalse();
        return figure.path("value").asInt();
    }

    private static JsonNode equityRow(JsonNode equity, String dimension, String group) {
        for (JsonNode row : equity.path("rows")) {
            if (row.path("dimension").asText().equals(dimension)
                    && row.path("group").asText().equals(group)) {
                return row;
            }
        }
        throw new AssertionError("no " + dimension + " " + group + " in " + equity);
    }
}
