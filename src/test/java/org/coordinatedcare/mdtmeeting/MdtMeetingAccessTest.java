package org.coordinatedcare.mdtmeeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.task.Task;
import org.coordinatedcare.Diagram.MdtMeeting;
import org.coordinatedcare.FormAnswers;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.system.LiveServerTestSupport;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The neighbourhood group on a live server with the demo logins: Borough's clinical lead calls a meeting and adds a
 * patient of his practice; Walworth's clinicians can neither call it, add to it, see its tasks, complete them nor read
 * its minutes; a forged agenda item or patient in the meeting's forms is refused with nothing written; the patient's
 * audit trail records that the meeting saw them.
 */
class MdtMeetingAccessTest extends LiveServerTestSupport {

    private Task openTask(String meeting, String key) {
        return tasks.createTaskQuery()
                .processInstanceId(meeting)
                .taskDefinitionKey(key)
                .singleResult();
    }

    private int visibleTasks(String user, String meeting) {
        Reply reply = get(user, "/engine-rest/task/count?processInstanceId=" + meeting);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().path("count").asInt();
    }

    private static Map<String, Object> answers(String formId, Object... extra) {
        Object[] pairs = new Object[FormAnswers.with(formId, extra).size() * 2];
        int i = 0;
        for (Map.Entry<String, Object> answer : FormAnswers.with(formId, extra).entrySet()) {
            pairs[i++] = answer.getKey();
            pairs[i++] = answer.getValue();
        }
        return form(pairs);
    }

    @Test
    void onlyTheNeighbourhoodRunsItsMeetingAndReadsItsMinutes() {
        assertThat(postJson("drwright", "/api/neighbourhoods/Borough/mdt-meetings", Map.of())
                        .status())
                .isEqualTo(403);
        assertThat(postJson("drpatel", "/api/neighbourhoods/Borough/mdt-meetings", Map.of())
                        .status())
                .as("a GP who is not a lead or coordinator")
                .isEqualTo(403);
        assertThat(postJson("drlee", "/api/neighbourhoods/Nowhere/mdt-meetings", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(postJson(null, "/api/neighbourhoods/Borough/mdt-meetings", Map.of())
                        .status())
                .isEqualTo(401);

        JsonNode called = postJson("drlee", "/api/neighbourhoods/Borough/mdt-meetings", Map.of())
                .json();
        String meeting = called.path("processInstanceId").asText();
        runJobs();

        // a patient of drlee's practice, added with a reason; Walworth cannot add Borough's patient
        Patient patient = identified();
        Map<String, String> addition = Map.of("patient", patient.fhirId(), "reason", "Carer struggling since fall");
        assertThat(postJson("drwright", "/api/neighbourhoods/Borough/mdt-agenda", addition)
                        .status())
                .isEqualTo(403);
        Reply noReason =
                postJson("drlee", "/api/neighbourhoods/Borough/mdt-agenda", Map.of("patient", patient.fhirId()));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().path("field").asText()).isEqualTo("reason");
        assertThat(postJson("drlee", "/api/neighbourhoods/Borough/mdt-agenda", addition)
                        .status())
                .isEqualTo(201);

        // the group: Borough's team sees the meeting's tasks, Walworth's does not and cannot complete them
        Task preparation = openTask(meeting, MdtMeeting.PREPARE_AGENDA);
        assertThat(visibleTasks("drlee", meeting)).isEqualTo(1);
        assertThat(visibleTasks("nurseokafor", meeting)).isEqualTo(1);
        assertThat(visibleTasks("drwright", meeting)).isZero();
        Map<String, Integer> before = rowCounts();
        assertThat(postJson(
                                "drwright",
                                "/engine-rest/task/" + preparation.getId() + "/submit-form",
                                answers(FormAnswers.PREPARE_MDT_AGENDA))
                        .status())
                .isIn(403, 404);
        // a forged agenda item or patient in the form is refused, naming it
        Reply forged = postJson(
                "drlee",
                "/engine-rest/task/" + preparation.getId() + "/submit-form",
                form("agendaOrder", "1", "agendaItemId", 1));
        assertThat(forged.status()).as(forged.toString()).isEqualTo(400);
        assertThat(forged.json().path("field").asText()).isEqualTo("agendaItemId");
        assertThat(rowCounts()).isEqualTo(before);

        assertThat(postJson("drlee", "/engine-rest/task/" + preparation.getId() + "/submit-form", form())
                        .status())
                .isEqualTo(204);
        assertThat(postJson(
                                "drlee",
                                "/engine-rest/task/"
                                        + openTask(meeting, MdtMeeting.OPEN_MEETING)
                                                .getId() + "/submit-form",
                                answers(FormAnswers.OPEN_MDT_MEETING))
                        .status())
                .isEqualTo(204);
        assertThat(jdbc.sql("""
                        select count(*) from audit_event a join episode e on e.id = a.episode_id
                        where e.patient_id = ? and a.action = 'MDT_MEETING_ACCESS'""").param(patient.id()).query(Integer.class).single())
                .isEqualTo(1);

        Task discuss = openTask(meeting, MdtMeeting.DISCUSS_PATIENT);
        assertThat(visibleTasks("drwright", meeting)).isZero();
        before = rowCounts();
        assertThat(postJson(
                                "drwright",
                                "/engine-rest/task/" + discuss.getId() + "/submit-form",
                                answers(FormAnswers.DISCUSS_MDT_PATIENT, "meetingOutcome", "notReached"))
                        .status())
                .isIn(403, 404);
        Reply forgedPatient = postJson(
                "drlee",
                "/engine-rest/task/" + discuss.getId() + "/submit-form",
                answers(FormAnswers.DISCUSS_MDT_PATIENT, "patientId", patient.fhirId()));
        assertThat(forgedPatient.status()).as(forgedPatient.toString()).isEqualTo(400);
        assertThat(forgedPatient.json().path("field").asText()).isEqualTo("patientId");
        assertThat(rowCounts()).isEqualTo(before);

        // the chair ends the meeting: everyone carries over, and the minutes are written
        assertThat(postJson(
                                "drlee",
                                "/engine-rest/task/" + discuss.getId() + "/submit-form",
                                form("meetingOutcome", "notReached", "meetingEnds", true))
                        .status())
                .isEqualTo(204);
        runJobs();
        long meetingId = jdbc.sql("select id from mdt_meeting where process_instance_id = ?")
                .param(meeting)
                .query(Long.class)
                .single();
        Reply minutes = get("drpatel", "/api/mdt-meetings/" + meetingId + "/minutes");
        assertThat(minutes.status()).as(minutes.toString()).isEqualTo(200);
        assertThat(minutes.text()).contains("Borough neighbourhood MDT meeting", patient.displayName());
        Reply pdf = get("drlee", "/api/mdt-meetings/" + meetingId + "/minutes/pdf");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        assertThat(get("drwright", "/api/mdt-meetings/" + meetingId + "/minutes")
                        .status())
                .isEqualTo(403);
        assertThat(get("drwright", "/api/mdt-meetings/" + meetingId + "/minutes/pdf")
                        .status())
                .isEqualTo(403);
        assertThat(get("manager", "/api/mdt-meetings/" + meetingId + "/minutes").status())
                .isEqualTo(403);
    }
}
