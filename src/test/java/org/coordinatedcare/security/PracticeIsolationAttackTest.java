package org.coordinatedcare.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.coordinatedcare.Diagram.CarePlanning;
import org.coordinatedcare.Diagram.CaseFinding;
import org.coordinatedcare.Diagram.CoordinatedCare;
import org.coordinatedcare.Diagram.MdtReview;
import org.coordinatedcare.episode.Episode;
import org.coordinatedcare.episode.EpisodeRepository;
import org.coordinatedcare.form.FormInputException;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.system.LiveServerTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The attacks of the issue "Practice isolation that holds on every entry point", each through the real filter chain
 * and the engine REST API with the demo logins: Borough (A10001) is drlee's practice, Walworth (A10002) drwright's.
 * Every refusal checks the status, the problem JSON's field or reason, and that no row of any table (domain, audit,
 * engine runtime and history) changed; each has an allowed counterpart so that refusing everyone cannot pass.
 */
class PracticeIsolationAttackTest extends LiveServerTestSupport {

    private static final String START = "/engine-rest/process-definition/key/coordinated-care/start";

    @Autowired
    EpisodeRepository episodes;

    // 1. Start instructions

    @Test
    void aClinicianCannotStartAPathwayPartWayToCloseAnotherPracticesEpisode() {
        Episode borough = episodeOf(identified());
        Patient own = newPatient("A10002");
        Map<String, Integer> before = rowCounts();

        for (String path :
                List.of(START, "/engine-rest/engine/default/process-definition/key/coordinated-care/start/")) {
            Reply reply = postJson(
                    "drwright",
                    path,
                    Map.of(
                            "businessKey",
                            own.fhirId(),
                            "variables",
                            Map.of("episodeId", Map.of("value", borough.id(), "type", "Long")),
                            "startInstructions",
                            List.of(Map.of(
                                    "type",
                                    "startBeforeActivity",
                                    "activityId",
                                    CoordinatedCare.CLOSE_EPISODE_DECEASED))));
            assertRefused(reply, 403, "startInstructions");
        }
        assertThat(rowCounts()).isEqualTo(before);
        assertThat(episodes.findById(borough.id()).orElseThrow().isActive()).isTrue();
    }

    @Test
    void evenAnAdministratorsPartWayStartClosesNoEpisodeItDidNotOpen() {
        Episode borough = episodeOf(identified());
        Reply withEpisode = postJson(
                "demo",
                START,
                Map.of(
                        "variables",
                        Map.of("episodeId", Map.of("value", borough.id(), "type", "Long")),
                        "startInstructions",
                        List.of(Map.of(
                                "type", "startBeforeActivity", "activityId", CoordinatedCare.CLOSE_EPISODE_DECEASED))));
        assertRefused(withEpisode, 400, "episodeId");

        Reply partWay = postJson(
                "demo",
                START,
                Map.of(
                        "businessKey",
                        patients.findById(borough.patientId()).orElseThrow().fhirId(),
                        "startInstructions",
                        List.of(Map.of(
                                "type", "startBeforeActivity", "activityId", CoordinatedCare.CLOSE_EPISODE_DECEASED))));
        assertThat(partWay.status()).as(partWay.toString()).isEqualTo(200);
        // the closure runs as a job and finds no episode of its own: it fails, and the Borough episode stays open
        assertThatThrownBy(this::runJobs).hasMessageContaining("has no coordinated-care episode");
        assertThat(episodes.findById(borough.id()).orElseThrow().isActive()).isTrue();
        runtime.deleteProcessInstance(partWay.json().path("id").asText(), "test clean-up");
    }

    // 2. Variables beyond the form

    @Test
    void aClinicianCannotCompleteTheirOwnTaskWithAnotherPracticesEpisode() throws Exception {
        Episode borough = episodeOf(identified());
        Patient own = identifiedBy("drwright", newPatient("A10002"));
        String task = task(own, CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL).getId();
        Map<String, Object> forged = new LinkedHashMap<>(form("namedProfessional", "nursebrown"));
        forged.put(
                "variables",
                Map.of(
                        "namedProfessional",
                        Map.of("value", "nursebrown"),
                        "episodeId",
                        Map.of("value", borough.id(), "type", "Long")));
        Map<String, Integer> before = rowCounts();

        assertRefused(postJson("drwright", "/engine-rest/task/" + task + "/submit-form", forged), 400, "episodeId");
        assertRefused(postJson("drwright", "/engine-rest/task/" + task + "/complete", forged), 400, "episodeId");
        assertRefused(
                send(
                        "drwright",
                        "PUT",
                        "/engine-rest/task/" + task + "/variables/episodeId",
                        "application/json",
                        "{\"value\":" + borough.id() + ",\"type\":\"Long\"}"),
                403,
                null);
        assertRefused(
                postJson(
                        "drwright",
                        "/engine-rest/task/" + task + "/variables",
                        Map.of("modifications", Map.of("episodeId", Map.of("value", borough.id(), "type", "Long")))),
                403,
                null);
        assertRefused(
                send(
                        "drwright",
                        "PUT",
                        "/engine-rest/task/" + task + "/localVariables/practiceCode",
                        "application/json",
                        "{\"value\":\"A10001\"}"),
                403,
                null);
        WebappSession tasklist = new WebappSession(port);
        assertThat(tasklist.login("drwright", true)).isEqualTo(200);
        JsonNode webapp = JSON.readTree(tasklist.post(
                        "/camunda/api/engine/engine/default/task/" + task + "/submit-form",
                        JSON.writeValueAsString(forged),
                        true)
                .body());
        assertThat(webapp.path("status").asInt()).isEqualTo(400);
        assertThat(webapp.path("field").asText()).isEqualTo("episodeId");
        assertThat(rowCounts()).isEqualTo(before);

        // behind the gate, the step itself refuses a variable that names another pathway's record
        assertThatThrownBy(() ->
                        tasks.complete(task, Map.of("namedProfessional", "nursebrown", "episodeId", borough.id())))
                .hasRootCauseInstanceOf(FormInputException.class)
                .hasMessageContaining("'episodeId' does not belong to this pathway");
        assertThat(rowCounts()).isEqualTo(before);

        Reply allowed = postJson(
                "drwright", "/engine-rest/task/" + task + "/submit-form", form("namedProfessional", "nursebrown"));
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(204);
        assertThat(jdbc.sql("select count(*) from named_professional_assignment where episode_id = ?")
                        .param(borough.id())
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void patientIdentifiedCarriesThePatientAndNothingElse() {
        Patient own = newPatient("A10001");
        Map<String, Integer> before = rowCounts();
        assertRefused(
                postJson(
                        "drlee",
                        "/engine-rest/message",
                        Map.of(
                                "messageName",
                                "PatientIdentified",
                                "businessKey",
                                own.fhirId(),
                                "processVariables",
                                Map.of(
                                        "patientId",
                                        Map.of("value", own.fhirId()),
                                        "ltcCount",
                                        Map.of("value", 9, "type", "Integer")))),
                400,
                "ltcCount");
        assertRefused(
                postJson(
                        "drlee",
                        "/engine-rest/message",
                        Map.of(
                                "messageName",
                                "PatientIdentified",
                                "businessKey",
                                own.fhirId(),
                                "correlationKeys",
                                Map.of("x", Map.of("value", 1)))),
                400,
                "correlationKeys");
        assertRefused(
                postJson(
                        "drlee",
                        "/engine-rest/message",
                        Map.of("messageName", "PatientDied", "businessKey", own.fhirId())),
                403,
                "messageName");
        assertThat(rowCounts()).isEqualTo(before);

        identifiedBy("drlee", own);
        assertThat(episodeOf(own).ltcCount()).isEqualTo(3);
    }

    @Test
    void aCaseFindingReviewDecidesOnlyItsOwnRunAndPracticesList() {
        org.camunda.bpm.engine.task.Task review = tasks.createTaskQuery()
                .taskDefinitionKey(CaseFinding.REVIEW_CASE_FINDING_LIST)
                .taskCandidateGroup("gp-A10001")
                .list()
                .get(0);
        Map<String, Integer> before = rowCounts();
        assertRefused(
                postJson(
                        "drlee",
                        "/engine-rest/task/" + review.getId() + "/submit-form",
                        form("confirmed", List.of(), "practiceCode", "A10002")),
                400,
                "practiceCode");
        assertRefused(
                postJson(
                        "drlee",
                        "/engine-rest/task/" + review.getId() + "/submit-form",
                        form("confirmed", List.of(), "caseFindingRunId", 1)),
                400,
                "caseFindingRunId");
        assertThatThrownBy(() -> tasks.complete(review.getId(), Map.of("practiceCode", "A10002")))
                .hasRootCauseInstanceOf(FormInputException.class)
                .hasMessageContaining("'practiceCode' does not belong to this task");
        assertThat(rowCounts()).isEqualTo(before);
        assertThat(get("drwright", "/engine-rest/task/" + review.getId()).status())
                .isIn(403, 404);
    }

    // 3. Process owners

    @Test
    void aProcessOwnerWorksNoTaskAndReadsNoPatientsVariables() {
        Patient borough = identified();
        String task = task(borough, CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL).getId();
        String instance =
                task(borough, CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL).getProcessInstanceId();
        Map<String, Integer> before = rowCounts();

        assertRefused(
                postJson("owner", "/engine-rest/task/" + task + "/submit-form", form("namedProfessional", "drpatel")),
                403,
                null);
        assertRefused(postJson("owner", "/engine-rest/task/" + task + "/claim", Map.of("userId", "owner")), 403, null);
        assertRefused(get("owner", "/engine-rest/task/" + task + "/variables"), 403, null);
        assertRefused(get("owner", "/engine-rest/process-instance/" + instance + "/variables"), 403, null);
        assertRefused(send("owner", "DELETE", "/engine-rest/process-instance/" + instance, null, null), 403, "path");
        assertRefused(send("owner", "DELETE", "/engine-rest/task/" + task, null, null), 403, "path");
        assertThat(get(
                                "owner",
                                "/engine-rest/history/variable-instance?processInstanceId=" + instance
                                        + "&maxResults=10")
                        .json())
                .isEmpty();
        assertThat(rowCounts()).isEqualTo(before);

        // where pathways stand: the instance counts per step of the diagram, as Cockpit shows them
        String definition = runtime.createProcessInstanceQuery()
                .processInstanceId(instance)
                .singleResult()
                .getProcessDefinitionId();
        Reply statistics = get("owner", "/engine-rest/process-definition/" + definition + "/statistics");
        assertThat(statistics.status()).as(statistics.toString()).isEqualTo(200);
        assertThat(statistics.json().findValuesAsText("id")).contains(CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL);
    }

    // 4. Reporting events

    @Test
    void aPracticesCliniciansReportEveryEventAndTheAuditNamesThem() {
        for (String closing : List.of("PATIENT_DIED", "PATIENT_LEFT_PRACTICE", "PATIENT_DECLINED_CARE")) {
            Patient patient = identified();
            assertThat(report("drlee", patient.fhirId(), closing).status())
                    .as(closing)
                    .isEqualTo(202);
            runJobs();
            Episode closed = episodes.findById(episodeIdOf(patient)).orElseThrow();
            assertThat(closed.isActive()).as(closing).isFalse();
            assertThat(closed.closedBy()).as(closing).isEqualTo("drlee");
            assertThat(auditActors(closed.id(), "PATHWAY_CLOSED")).containsExactly("drlee");
            assertThat(auditActors(closed.id(), "PATHWAY_EVENT_REPORTED")).containsExactly("drlee");
        }
        Patient patient = identified();
        for (String transfer : List.of(
                "COORDINATOR_NOT_MOST_APPROPRIATE", "COORDINATOR_CHANGE_REQUESTED", "COORDINATOR_NO_LONGER_INVOLVED")) {
            assertThat(report("coordsmith", patient.fhirId(), transfer).status())
                    .as(transfer)
                    .isEqualTo(202);
        }
        assertThat(auditActors(episodeIdOf(patient), "PATHWAY_EVENT_REPORTED"))
                .containsExactly("coordsmith", "coordsmith", "coordsmith");

        Patient inReview = awaitingMdtReview();
        assertThat(tasks.createTaskQuery()
                        .processInstanceBusinessKey(inReview.fhirId())
                        .taskDefinitionKey(MdtReview.HOLD_MDT_REVIEW)
                        .count())
                .isZero();
        assertThat(report("drpatel", inReview.fhirId(), "HOSPITAL_EVENT_REPORTED")
                        .status())
                .isEqualTo(202);
        runJobs();
        assertThat(task(inReview, MdtReview.HOLD_MDT_REVIEW)).isNotNull();
    }

    @Test
    void anotherPracticesClinicianReportsNoEventAndChangesNothing() {
        Patient borough = identified();
        Map<String, Integer> before = rowCounts();
        for (String event : List.of(
                "PATIENT_DIED", "PATIENT_LEFT_PRACTICE", "PATIENT_DECLINED_CARE", "COORDINATOR_CHANGE_REQUESTED")) {
            assertRefused(report("drwright", borough.fhirId(), event), 403, null);
        }
        assertRefused(report("manager", borough.fhirId(), "PATIENT_DIED"), 403, null);
        assertRefused(report("owner", borough.fhirId(), "PATIENT_DIED"), 403, null);
        runJobs();
        assertThat(rowCounts()).isEqualTo(before);
        assertThat(episodeOf(borough).isActive()).isTrue();
    }

    // 5. Probing another practice's patients

    @Test
    void anotherPracticesPatientLooksTheSameWhateverItsState() {
        Patient onPathway = identified();
        Patient notOnIt = newPatient("A10001");
        Patient deceased = patients.save(newPatient("A10001").markDeceased());
        List<String> ids = List.of(onPathway.fhirId(), notOnIt.fhirId(), deceased.fhirId(), "987654321");
        Map<String, Integer> before = rowCounts();

        Map<String, Set<String>> answers = new LinkedHashMap<>();
        for (String id : ids) {
            refusal(
                    answers,
                    "message",
                    postJson(
                            "drwright",
                            "/engine-rest/message",
                            Map.of(
                                    "messageName",
                                    "PatientIdentified",
                                    "businessKey",
                                    id,
                                    "processVariables",
                                    Map.of("patientId", Map.of("value", id)))),
                    "patientId");
            refusal(
                    answers,
                    "start form",
                    postJson(
                            "drwright",
                            "/engine-rest/process-definition/key/coordinated-care/submit-form",
                            form("patientId", id)),
                    "patientId");
            refusal(answers, "pathway", get("drwright", "/api/patients/" + id + "/pathway"), null);
            refusal(answers, "event", report("drwright", id, "PATIENT_DIED"), null);
        }
        answers.forEach((kind, details) ->
                assertThat(details).as(kind + " answers alike in every state").hasSize(1));
        assertThat(rowCounts()).isEqualTo(before);

        // the practice's own clinician is told the truth about each
        assertThat(postJson(
                                "drlee",
                                "/engine-rest/message",
                                Map.of("messageName", "PatientIdentified", "businessKey", deceased.fhirId()))
                        .status())
                .isEqualTo(400);
        assertThat(postJson(
                                "drlee",
                                "/engine-rest/message",
                                Map.of("messageName", "PatientIdentified", "businessKey", onPathway.fhirId()))
                        .status())
                .isEqualTo(409);
    }

    // Every engine REST resource a clinician, manager or process owner might reach to change a pathway

    @Test
    void noOneButAnAdministratorReachesTheEnginesAdministration() throws Exception {
        Patient borough = identified();
        ProcessInstance instance = runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(borough.fhirId())
                .singleResult();
        String execution = instance.getId();
        List<String[]> requests = List.of(
                new String[] {"POST", "/process-instance/" + execution + "/modification", "{\"instructions\":[]}"},
                new String[] {"DELETE", "/process-instance/" + execution, null},
                new String[] {"POST", "/process-instance/" + execution + "/variables", "{\"modifications\":{}}"},
                new String[] {"PUT", "/process-instance/" + execution + "/suspended", "{\"suspended\":true}"},
                new String[] {"POST", "/process-instance/delete", "{\"processInstanceIds\":[\"" + execution + "\"]}"},
                new String[] {"PUT", "/execution/" + execution + "/localVariables/episodeId", "{\"value\":1}"},
                new String[] {"POST", "/job/any/execute", "{}"},
                new String[] {"PUT", "/job/any/retries", "{\"retries\":3}"},
                new String[] {"POST", "/external-task/fetchAndLock", "{\"workerId\":\"w\",\"maxTasks\":1,\"topics\":[]}"
                },
                new String[] {"POST", "/migration/execute", "{}"},
                new String[] {"POST", "/modification/execute", "{}"},
                new String[] {"DELETE", "/batch/any", null},
                new String[] {"PUT", "/incident/any/annotation", "{\"annotation\":\"x\"}"},
                new String[] {"POST", "/signal", "{\"name\":\"x\"}"},
                new String[] {"POST", "/condition", "{\"variables\":{}}"},
                new String[] {"POST", "/process-definition/" + instance.getProcessDefinitionId() + "/restart", "{}"},
                new String[] {"POST", "/task/create", "{\"id\":\"intruder\"}"},
                new String[] {"DELETE", "/history/process-instance/" + execution, null});
        Map<String, Integer> before = rowCounts();
        for (String user : List.of("drlee", "drwright", "manager", "owner", "gpfeed")) {
            for (String[] request : requests) {
                Reply reply = send(
                        user,
                        request[0],
                        "/engine-rest" + request[1],
                        request[2] == null ? null : "application/json",
                        request[2]);
                assertRefused(
                        reply.status() == 403
                                ? reply
                                : new Reply(
                                        reply.status(),
                                        reply.contentType(),
                                        user + " " + request[0] + " " + request[1] + ": " + reply.text(),
                                        reply.json()),
                        403,
                        "path");
            }
            assertThat(postJson(user, "/engine-rest/process-instance?maxResults=10", Map.of())
                            .status())
                    .as(user + " queries instances")
                    .isEqualTo(200);
        }
        WebappSession tasklist = new WebappSession(port);
        assertThat(tasklist.login("drlee", true)).isEqualTo(200);
        assertThat(tasklist.post(
                                "/camunda/api/engine/engine/default/process-instance/" + execution + "/modification",
                                "{\"instructions\":[]}",
                                true)
                        .statusCode())
                .isEqualTo(403);
        assertThat(rowCounts()).isEqualTo(before);
        assertThat(send(null, "DELETE", "/engine-rest/process-instance/" + execution, null, null)
                        .status())
                .isEqualTo(401);
    }

    @Test
    void eachRoleMeetsTheSameBoroughTaskAsItsRoleAllows() {
        Patient borough = identified();
        String task = task(borough, CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL).getId();
        Map<String, Integer> before = rowCounts();
        assertThat(postJson(null, "/engine-rest/task/" + task + "/submit-form", form("namedProfessional", "drpatel"))
                        .status())
                .isEqualTo(401);
        for (String user : List.of("drwright", "manager", "owner", "gpfeed", "nurseokafor")) {
            assertRefused(
                    postJson(user, "/engine-rest/task/" + task + "/submit-form", form("namedProfessional", "drpatel")),
                    403,
                    null);
        }
        assertThat(rowCounts()).isEqualTo(before);
        assertThat(postJson("drlee", "/engine-rest/task/" + task + "/submit-form", form("namedProfessional", "drpatel"))
                        .status())
                .isEqualTo(204);
        assertThat(auditActors(episodeIdOf(borough), "NAMED_PROFESSIONAL_ASSIGNED"))
                .containsExactly("drlee");
    }

    // helpers

    private Patient identifiedBy(String user, Patient patient) {
        Reply started = postJson(
                user,
                "/engine-rest/message",
                Map.of(
                        "messageName",
                        "PatientIdentified",
                        "businessKey",
                        patient.fhirId(),
                        "processVariables",
                        Map.of("patientId", Map.of("value", patient.fhirId()))));
        assertThat(started.status()).as(started.toString()).isEqualTo(204);
        runJobs();
        return patient;
    }

    private Patient awaitingMdtReview() {
        Patient patient = atCarePlanningMeeting();
        complete(
                patient,
                CarePlanning.HOLD_CARE_PLANNING_MEETING,
                "whatMattersToMe",
                "Gardening",
                "goals",
                "Walk daily",
                "action1",
                "Join the walking group",
                "actionOwner1",
                "Patient",
                "actionDue1",
                LocalDate.now().plusDays(14).toString(),
                "reviewDate",
                LocalDate.now().plusMonths(6).toString(),
                "sharedWith",
                List.of("PATIENT"),
                "consentToShare",
                true);
        complete(patient, CoordinatedCare.CONFIRM_REFERRALS, "referralTypes", List.of());
        return patient;
    }

    private Reply report(String user, String patientId, String event) {
        return postJson(user, "/api/patients/" + patientId + "/pathway/events", Map.of("event", event));
    }

    private Episode episodeOf(Patient patient) {
        return episodes.findByPatientIdOrderByOpenedAt(patient.id()).get(0);
    }

    private long episodeIdOf(Patient patient) {
        return episodeOf(patient).id();
    }

    private List<String> auditActors(long episodeId, String action) {
        return jdbc.sql("select actor from audit_event where episode_id = ? and action = ? order by id")
                .params(episodeId, action)
                .query(String.class)
                .list();
    }

    private static void assertRefused(Reply reply, int status, String field) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.contentType()).as(reply.toString()).isEqualTo("application/problem+json");
        assertThat(reply.json().path("detail").asText()).as(reply.toString()).isNotBlank();
        if (field != null) {
            assertThat(reply.json().path("field").asText()).as(reply.toString()).isEqualTo(field);
        }
    }

    /** A refusal of a probe, kept by its kind to show every state of the patient gets the same words. */
    private static void refusal(Map<String, Set<String>> answers, String kind, Reply reply, String field) {
        assertRefused(reply, 403, field);
        answers.computeIfAbsent(kind, k -> new HashSet<>())
                .add(reply.json().path("detail").asText());
    }
}
