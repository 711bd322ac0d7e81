package org.coordinatedcare.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.camunda.bpm.engine.task.Task;
import org.coordinatedcare.Diagram.CarePlanning;
import org.coordinatedcare.FormAnswers;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.security.WebappSession;
import org.coordinatedcare.system.LiveServerTestSupport;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Patient tab's endpoint (ADR 0021) on a live server: the story of a task's patient for their own practice's
 * clinician, nothing for another practice's, and the webapp session accepted for reads only.
 */
class PatientStoryApiTest extends LiveServerTestSupport {

    @Test
    void ownPracticeClinicianReadsTheStoryOfTheTasksPatient() {
        Patient patient = atCarePlanningMeeting();
        // drpatel, the named professional, at a step of the called care-planning process: the story is found through
        // the pathway's root instance
        Task meeting = task(patient, CarePlanning.HOLD_CARE_PLANNING_MEETING);
        Reply before = get("drpatel", "/api/tasks/" + meeting.getId() + "/patient");
        assertThat(before.status()).as(before.toString()).isEqualTo(200);
        assertThat(before.json().at("/pathway/currentPlan").isMissingNode()).isTrue();

        complete(patient, CarePlanning.HOLD_CARE_PLANNING_MEETING, FormAnswers.of(FormAnswers.CARE_PLANNING_MEETING));
        Task next = tasks.createTaskQuery()
                .processInstanceBusinessKey(patient.fhirId())
                .taskAssignee("drpatel")
                .singleResult(); // confirming referrals, on the pathway's own instance
        Reply reply = get("drpatel", "/api/tasks/" + next.getId() + "/patient");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode story = reply.json();

        assertThat(story.at("/patient/patientId").asText()).isEqualTo(patient.fhirId());
        assertThat(story.at("/patient/name").asText()).isEqualTo(patient.displayName());
        assertThat(story.at("/patient/practice").asText()).isEqualTo("A10001");
        assertThat(reply.text()).as("no register row id").doesNotContain("\"patientId\":" + patient.id());
        Map<String, String> codesByCategory = new java.util.HashMap<>();
        story.path("conditions")
                .forEach(category -> category.path("conditions")
                        .forEach(c -> codesByCategory.put(
                                c.path("code").asText(),
                                category.path("category").asText())));
        assertThat(codesByCategory)
                .containsEntry("13645005", "COPD")
                .containsEntry("44054006", "Diabetes")
                .containsEntry("38341003", "Hypertension");
        assertThat(story.at("/conditions/0/conditions/0/onsetDate").asText()).isEqualTo("2016-01-01");

        JsonNode pathway = story.path("pathway");
        assertThat(pathway.at("/namedProfessionals/0/name").asText()).isEqualTo("Dr Ravi Patel");
        JsonNode plan = pathway.path("currentPlan");
        assertThat(plan.path("whatMattersToMe").asText()).isEqualTo("Walking to church on Sundays");
        assertThat(plan.path("goals").asText()).isEqualTo("Walk 20 minutes a day");
        assertThat(plan.path("actions")).hasSize(2);
        assertThat(plan.at("/actions/0/owner").asText()).isEqualTo("Practice nurse");
        assertThat(plan.path("consentToShare").asBoolean()).isTrue();
        assertThat(plan.path("shares").findValuesAsText("recipient"))
                .containsExactlyInAnyOrder("PATIENT", "FAMILY_OR_CARER", "HOSPITAL");
        assertThat(pathway.path("timeline").findValuesAsText("what"))
                .startsWith("Pathway opened")
                .contains("Named professional assigned", "Care plan agreed");

        // The same story by the patient's FHIR id.
        Reply byPatient = get("drpatel", "/api/patients/" + patient.fhirId() + "/story");
        assertThat(byPatient.status()).as(byPatient.toString()).isEqualTo(200);
        assertThat(byPatient.json().at("/pathway/currentPlan/goals").asText()).isEqualTo("Walk 20 minutes a day");
    }

    @Test
    void anotherPracticesClinicianGetsNothing() throws Exception {
        Patient patient = identified();
        Task task = task(patient, org.coordinatedcare.Diagram.CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL);

        Reply basic = get("drwright", "/api/tasks/" + task.getId() + "/patient");
        assertNothingOf(patient, basic, 404);
        assertThat(basic.text()).doesNotContain(patient.fhirId());
        // (this answer repeats the address asked for, the FHIR id included, and nothing else of the patient)
        assertNothingOf(patient, get("drwright", "/api/patients/" + patient.fhirId() + "/story"), 403);

        WebappSession tasklist = new WebappSession(port);
        assertThat(tasklist.login("drwright", true)).isEqualTo(200);
        HttpResponse<String> session = tasklist.get("/api/tasks/" + task.getId() + "/patient");
        assertThat(session.statusCode()).as(session.body()).isEqualTo(404);
        assertThat(session.body()).doesNotContain(patient.fhirId()).doesNotContain(patient.familyName());
    }

    @Test
    void theWebappSessionReadsButDoesNotWrite() throws Exception {
        Patient patient = identified();
        Task task = task(patient, org.coordinatedcare.Diagram.CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL);
        String path = "/api/tasks/" + task.getId() + "/patient";

        Reply anonymous = get(null, path);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).isEqualTo("application/problem+json");

        WebappSession tasklist = new WebappSession(port);
        assertThat(tasklist.login("drlee", true)).isEqualTo(200);
        HttpResponse<String> read = tasklist.get(path);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).at("/patient/patientId").asText()).isEqualTo(patient.fhirId());

        // A write with the session and even Camunda's CSRF token is refused: our API takes writes with HTTP Basic only.
        Map<String, Integer> rows = rowCounts();
        HttpResponse<String> write = tasklist.post(
                "/api/patients/" + patient.fhirId() + "/pathway/events", "{\"event\":\"PATIENT_DIED\"}", true);
        assertThat(write.statusCode()).as(write.body()).isIn(401, 403);
        assertThat(write.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(rowCounts()).isEqualTo(rows);
    }

    @Test
    void aTaskOffThePathwayHasNoPatient() {
        Task loose = tasks.newTask();
        loose.setName("Tidy the shared drive");
        tasks.saveTask(loose);
        try {
            tasks.addCandidateGroup(loose.getId(), "gp-A10001");
            Reply reply = get("drpatel", "/api/tasks/" + loose.getId() + "/patient");
            assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
            assertThat(reply.json().path("detail").asText())
                    .contains("not part of a patient's coordinated-care pathway");
            assertThat(reply.json().path("field").asText()).isEqualTo("taskId");

            Reply malformed = get("drlee", "/api/tasks/not%27a%27task/patient");
            assertThat(malformed.status()).as(malformed.toString()).isEqualTo(400);
            assertThat(malformed.json().path("field").asText()).isEqualTo("taskId");
        } finally {
            tasks.deleteTask(loose.getId(), true);
        }
    }

    private static void assertNothingOf(Patient patient, Reply reply, int status) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.contentType()).isEqualTo("application/problem+json");
        assertThat(reply.text())
                .doesNotContain(patient.displayName())
                .doesNotContain("conditions")
                .doesNotContain("pathway\"");
    }
}
