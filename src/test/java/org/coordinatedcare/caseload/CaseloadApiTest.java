package org.coordinatedcare.caseload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.runtime.Job;
import org.coordinatedcare.Diagram.CarePlanning;
import org.coordinatedcare.Diagram.CoordinatedCare;
import org.coordinatedcare.Diagram.MdtReview;
import org.coordinatedcare.FormAnswers;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.system.LiveServerTestSupport;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A care coordinator's caseload, as the demo team meets it: {@code GET /api/caseload} for the coordinator, their
 * clinical lead and the manager, refused to everyone else (another practice's lead, a clinician of the same practice,
 * another practice's coordinator); the "My caseload" Tasklist filter, which shows the coordinator their patients'
 * tasks to read, not to work; the caseload count on "Appoint care coordinator"; and the bookings of the scheduling
 * step on the patient's timeline and plan view.
 */
class CaseloadApiTest extends LiveServerTestSupport {

    @Test
    void theCoordinatorTheirLeadAndTheManagerSeeTheCaseloadNobodyElseDoes() {
        Patient patient = coordinatedBy("coordsmith");
        complete(patient, CoordinatedCare.DECIDE_FUNDING, FormAnswers.of(FormAnswers.DECIDE_FUNDING));
        complete(
                patient,
                CoordinatedCare.SCHEDULE_COORDINATED_CARE,
                FormAnswers.with(
                        FormAnswers.SCHEDULE_COORDINATED_CARE,
                        "booking1Activity",
                        "Home visit",
                        "booking1With",
                        "Community nursing team",
                        "booking1Date",
                        LocalDate.now().plusDays(3).toString(),
                        "booking2Activity",
                        "Day centre session",
                        "booking2With",
                        "Age UK",
                        "booking2Date",
                        LocalDate.now().plusDays(1).toString()));

        for (String who : List.of("coordsmith", "drlee", "manager")) {
            String path = who.equals("coordsmith") ? "/api/caseload" : "/api/caseload?coordinator=coordsmith";
            Reply reply = get(who, path);
            assertThat(reply.status()).as(who + " " + reply).isEqualTo(200);
            assertThat(reply.json().path("coordinator").path("login").asText()).isEqualTo("coordsmith");
            JsonNode entry = entry(reply.json(), patient);
            assertThat(entry)
                    .as(who + " sees the patient on the caseload: " + reply)
                    .isNotNull();
            assertThat(entry.path("nextActivity").path("activity").asText())
                    .as("the soonest booking")
                    .isEqualTo("Day centre session");
            assertThat(entry.path("nextActivity").path("withWhom").asText()).isEqualTo("Age UK");
            assertThat(entry.path("nextActivity").path("on").asText())
                    .isEqualTo(LocalDate.now().plusDays(1).toString());
            assertThat(entry.path("planReviewDate").asText()).isNotBlank();
            assertThat(entry.path("nextContactDate").asText()).isNotBlank();
            // the referral tracked in parallel is still open
            assertThat(entry.path("openTasks").findValuesAsText("name")).isNotEmpty();
            assertThat(reply.text()).doesNotContain("\"id\":" + patient.id() + ",");
        }

        for (String attacker : List.of("drokoro", "drpatel", "coordgreen", "splwjones")) {
            Reply refused = get(attacker, "/api/caseload?coordinator=coordsmith");
            assertThat(refused.status()).as(attacker + " " + refused).isEqualTo(403);
            assertThat(refused.contentType()).isEqualTo("application/problem+json");
            assertThat(refused.text()).doesNotContain(patient.fhirId());
        }
        // an unknown login is refused like another practice's, so the answer says nothing about other teams
        assertThat(get("drokoro", "/api/caseload?coordinator=nobody-here").status())
                .isEqualTo(403);
        assertThat(get(null, "/api/caseload").status()).isEqualTo(401);
        Reply managerWithoutName = get("manager", "/api/caseload");
        assertThat(managerWithoutName.status())
                .as(managerWithoutName.toString())
                .isEqualTo(400);
        assertThat(managerWithoutName.json().path("field").asText()).isEqualTo("coordinator");
        assertThat(get("manager", "/api/caseload?coordinator=nobody-here").status())
                .isEqualTo(404);
        assertThat(entry(get("coordtaylor", "/api/caseload").json(), patient))
                .as("another coordinator's own caseload")
                .isNull();
    }

    @Test
    void bookingsAppearOnThePatientsTimelineAndPlanView() {
        Patient patient = coordinatedBy("coordsmith");
        complete(patient, CoordinatedCare.DECIDE_FUNDING, FormAnswers.of(FormAnswers.DECIDE_FUNDING));
        complete(
                patient,
                CoordinatedCare.SCHEDULE_COORDINATED_CARE,
                FormAnswers.of(FormAnswers.SCHEDULE_COORDINATED_CARE));

        Reply view = get("drlee", "/api/patients/" + patient.fhirId() + "/pathway");
        assertThat(view.status()).as(view.toString()).isEqualTo(200);
        JsonNode booked = view.json().path("episodes").get(0).path("bookedActivities");
        assertThat(booked.findValuesAsText("activity")).containsExactly("Home visit");
        assertThat(booked.findValuesAsText("withWhom")).containsExactly("Community nursing team");

        Reply story = get("drlee", "/api/patients/" + patient.fhirId() + "/story");
        assertThat(story.status()).as(story.toString()).isEqualTo(200);
        List<String> timeline = new ArrayList<>();
        story.json()
                .path("pathway")
                .path("timeline")
                .forEach(e -> timeline.add(
                        e.path("what").asText() + " | " + e.path("details").asText()));
        assertThat(timeline)
                .contains("Activity booked: Home visit | with Community nursing team on "
                        + LocalDate.now().plusDays(3));
    }

    @Test
    void myCaseloadShowsTheCoordinatorTheirPatientsTasksToReadNotToWork() {
        Patient patient = coordinatedBy("coordsmith");
        String funding = task(patient, CoordinatedCare.DECIDE_FUNDING).getId(); // drpatel's, not the coordinator's

        assertThat(tasks.createTaskQuery().taskId(funding).singleResult().getOwner())
                .as("the coordinator owns the pathway's tasks")
                .isEqualTo("coordsmith");
        assertThat(jdbc.sql(
                                "select count(*) from act_ru_authorization where user_id_ = 'coordsmith' and resource_id_ = ?")
                        .param(funding)
                        .query(Long.class)
                        .single())
                .as("the owner's read authorization")
                .isEqualTo(1);
        assertThat(myCaseload("coordsmith")).contains(funding);
        assertThat(myCaseload("coordtaylor")).doesNotContain(funding);
        assertThat(get("coordsmith", "/engine-rest/task/" + funding).status()).isEqualTo(200);
        Reply completed = postJson(
                "coordsmith", "/engine-rest/task/" + funding + "/submit-form", form("fundingDecision", "not-needed"));
        assertThat(completed.status()).as(completed.toString()).isEqualTo(403);
        assertThat(tasks.createTaskQuery().taskId(funding).count()).isEqualTo(1);
    }

    @Test
    void aTransferTakesTheTasksOutOfThePreviousCoordinatorsCaseload() {
        Patient patient = coordinatedBy("coordsmith");
        String funding = task(patient, CoordinatedCare.DECIDE_FUNDING).getId();
        assertThat(myCaseload("coordsmith")).contains(funding);

        runtime.createMessageCorrelation("CoordinatorNoLongerInvolved")
                .processInstanceBusinessKey(patient.fhirId())
                .correlate();
        runJobs();
        complete(
                patient,
                CoordinatedCare.HAND_OVER_NO_LONGER_INVOLVED,
                "newCareCoordinator",
                "coordtaylor",
                "handoverNotes",
                "Moving to another PCN");

        assertThat(tasks.createTaskQuery().taskId(funding).singleResult().getOwner())
                .isEqualTo("coordtaylor");
        assertThat(myCaseload("coordtaylor")).contains(funding);
        assertThat(myCaseload("coordsmith")).doesNotContain(funding);
        assertThat(get("coordsmith", "/engine-rest/task/" + funding).status()).isEqualTo(404);
    }

    @Test
    void appointCareCoordinatorShowsEachCandidatesCaseload() {
        coordinatedBy("coordtaylor");
        Patient patient = atAppointCareCoordinator();
        String options = String.valueOf(tasks.getVariable(
                task(patient, CoordinatedCare.APPOINT_CARE_COORDINATOR).getId(), "practiceCoordinators"));
        long taylors = jdbc.sql(
                        "select count(*) from coordinator_assignment a join professional p on p.id = a.professional_id"
                                + " where p.login_id = 'coordtaylor' and a.ended_at is null")
                .query(Long.class)
                .single();
        assertThat(options).contains("(Care coordinator, " + taylors + (taylors == 1 ? " patient)" : " patients)"));
    }

    // the pathway driven as the engine would, to the point each test needs

    private Patient atAppointCareCoordinator() {
        Patient patient = atCarePlanningMeeting();
        complete(patient, CarePlanning.HOLD_CARE_PLANNING_MEETING, FormAnswers.of(FormAnswers.CARE_PLANNING_MEETING));
        complete(patient, CoordinatedCare.CONFIRM_REFERRALS, FormAnswers.of(FormAnswers.CONFIRM_REFERRALS));
        String instance = runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(patient.fhirId())
                .processDefinitionKey("coordinated-care")
                .singleResult()
                .getId();
        Job timer = management
                .createJobQuery()
                .processInstanceId(instance)
                .activityId(CoordinatedCare.TIMER_MDT_REVIEW_DUE)
                .singleResult();
        management.executeJob(timer.getId());
        runJobs();
        complete(
                patient,
                MdtReview.HOLD_MDT_REVIEW,
                FormAnswers.with(FormAnswers.HOLD_MDT_REVIEW, "needTrend", "rising"));
        return patient;
    }

    private Patient coordinatedBy(String coordinator) {
        Patient patient = atAppointCareCoordinator();
        complete(patient, CoordinatedCare.APPOINT_CARE_COORDINATOR, "careCoordinator", coordinator);
        return patient;
    }

    private static JsonNode entry(JsonNode caseload, Patient patient) {
        for (JsonNode entry : caseload.path("patients")) {
            if (entry.path("patientId").asText().equals(patient.fhirId())) {
                return entry;
            }
        }
        return null;
    }

    private List<String> myCaseload(String user) {
        Reply filters = get(user, "/engine-rest/filter?resourceType=Task&maxResults=50");
        List<String> ids = new ArrayList<>();
        filters.json().forEach(f -> {
            if (f.path("name").asText().equals("My caseload")) {
                ids.add(f.path("id").asText());
            }
        });
        assertThat(ids).as(filters.toString()).hasSize(1);
        Reply list = get(user, "/engine-rest/filter/" + ids.get(0) + "/list?firstResult=0&maxResults=200");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.json().findValuesAsText("id");
    }
}
