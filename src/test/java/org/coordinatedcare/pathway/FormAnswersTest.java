package org.coordinatedcare.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.spin.plugin.variable.SpinValues;
import org.coordinatedcare.Diagram.CarePlanning;
import org.coordinatedcare.Diagram.CoordinatedCare;
import org.coordinatedcare.careplan.HolisticAssessment;
import org.coordinatedcare.careplan.HolisticAssessmentRepository;
import org.coordinatedcare.episode.EpisodeRepository;
import org.coordinatedcare.form.FormInputException;
import org.coordinatedcare.patient.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A clinician's answers, submitted with a task's form as Tasklist does, reach our tables without a copy in the
 * engine's variables or history; the answers the flow routes on are still there for the flow.
 */
class FormAnswersTest extends PathwayTestSupport {

    @Autowired
    EpisodeRepository episodes;

    @Autowired
    HolisticAssessmentRepository assessments;

    @Test
    void freeTextIsRecordedInOurTablesAndNeverWrittenToTheEngine() {
        Patient patient = fixture.patientWithConditions(3);
        invitedAndAccepted(patient);
        assessNeeds(patient, true, true, "low");

        long episodeId =
                episodes.findByActivePatientId(patient.id()).orElseThrow().id();
        HolisticAssessment assessment =
                assessments.findFirstByEpisodeIdOrderByIdDesc(episodeId).orElseThrow();
        assertThat(assessment.physicalNeeds()).isEqualTo("Breathless on stairs; poorly controlled blood pressure");
        assertThat(assessment.socialNeeds()).isEqualTo("Lives alone, rarely goes out");
        String[] pathway = instancesOf(patient);
        assertThat(pathway).hasSize(2); // the pathway and its care planning
        for (String text : List.of("physicalNeeds", "emotionalNeeds", "socialNeeds", "assignmentNote", "meetingDate")) {
            assertThat(runtime.createVariableInstanceQuery()
                            .processInstanceIdIn(pathway)
                            .variableName(text)
                            .count())
                    .as(text)
                    .isZero();
            assertThat(history.createHistoricVariableInstanceQuery()
                            .processInstanceIdIn(pathway)
                            .includeDeleted()
                            .variableName(text)
                            .count())
                    .as(text)
                    .isZero();
            assertThat(history.createHistoricDetailQuery()
                            .processInstanceIdIn(pathway)
                            .variableUpdates()
                            .list())
                    .extracting(detail -> ((HistoricVariableUpdate) detail).getVariableName())
                    .as(text)
                    .doesNotContain(text);
        }
    }

    @Test
    void answersTheFlowRoutesOnStayAsProcessVariables() {
        Patient patient = fixture.patientWithConditions(3);
        ProcessInstance pathway = invitedAndAccepted(patient);
        // no listener forgot the response: the gateway after the task read it, and it stays on the pathway
        assertThat(runtime.getVariable(pathway.getId(), "invitationResponse")).isEqualTo("accepted");
        assertThat(runtime.getVariable(pathway.getId(), "namedProfessional")).isEqualTo("tgp");

        assessNeeds(patient, true, true, "low");
        // the recorder keeps its flags, normalised, for the referral suggestions table
        VariableInstance socialNeeds = runtime.createVariableInstanceQuery()
                .processInstanceIdIn(instancesOf(patient))
                .variableName("hasSocialNeeds")
                .singleResult();
        assertThat(socialNeeds.getValue()).isEqualTo(true);
        assertThat(task(patient, CarePlanning.HOLD_CARE_PLANNING_MEETING)).isNotNull();
    }

    @Test
    void aFieldAProcessOwnerAddsToAFormBecomesAProcessVariableWithNoJava() {
        Patient patient = fixture.patientWithConditions(3);
        ProcessInstance pathway = identify(patient);
        assignNamedProfessional(patient, "tgp");
        // a checklist arrives from Tasklist as JSON, a number as a number; no listener knows these fields
        forms.submitTaskForm(
                task(patient, CoordinatedCare.RECORD_INVITATION_RESPONSE).getId(),
                vars(
                        "invitationResponse",
                        "accepted",
                        "meetingDate",
                        LocalDate.now().plusDays(3).toString(),
                        "preferredContact",
                        SpinValues.jsonValue("[\"phone\",\"letter\"]").create(),
                        "carersPresent",
                        2L));
        runJobs();

        assertThat(runtime.getVariableTyped(pathway.getId(), "preferredContact")
                        .getValue()
                        .toString())
                .isEqualTo("[\"phone\",\"letter\"]");
        assertThat(runtime.getVariable(pathway.getId(), "carersPresent")).isEqualTo(2L);
        assertThat(runtime.getVariable(pathway.getId(), "meetingDate")).isNull();
    }

    @Test
    void aReplacedSuggestionIsForgottenWithTheAnswer() {
        Patient patient = fixture.patientWithConditions(3);
        ProcessInstance pathway = invitedAndAccepted(patient);
        assessNeeds(patient, true, false, "high");
        holdCarePlanningMeeting(patient);
        assertThat(runtime.getVariable(pathway.getId(), "referralTypes"))
                .as("the suggestion")
                .isNotNull();

        complete(patient, CoordinatedCare.CONFIRM_REFERRALS, "referralTypes", List.of("HEALTH_COACHING"));

        assertThat(runtime.getVariable(pathway.getId(), "referralTypes")).isNull();
        assertThat(openTasks(patient, CoordinatedCare.RECORD_REFERRAL_RESPONSE)).hasSize(1);
    }

    @Test
    void aRefusedAnswerLeavesTheTaskOpenAndWritesNothing() {
        Patient patient = fixture.patientWithConditions(3);
        invitedAndAccepted(patient);
        String taskId = task(patient, CarePlanning.HOLISTIC_ASSESSMENT).getId();

        assertThatThrownBy(() -> forms.submitTaskForm(
                        taskId,
                        vars(
                                "physicalNeeds",
                                "Breathless",
                                "emotionalNeeds",
                                "Coping",
                                "socialNeeds",
                                "Family nearby",
                                "selfManagementConfidence",
                                "sometimes")))
                .hasRootCauseInstanceOf(FormInputException.class)
                .hasMessageContaining("confidence");

        assertThat(task(patient, CarePlanning.HOLISTIC_ASSESSMENT).getId()).isEqualTo(taskId);
        long episodeId =
                episodes.findByActivePatientId(patient.id()).orElseThrow().id();
        assertThat(assessments.findFirstByEpisodeIdOrderByIdDesc(episodeId)).isEmpty();
        assertThat(runtime.createVariableInstanceQuery()
                        .processInstanceIdIn(instancesOf(patient))
                        .variableName("physicalNeeds")
                        .count())
                .isZero();
    }

    @Test
    void aDelegatesAnswersWaitForTheOwnerWhoCompletesTheTask() {
        Patient patient = fixture.patientWithConditions(3);
        invitedAndAccepted(patient);
        String taskId = task(patient, CarePlanning.HOLISTIC_ASSESSMENT).getId();
        tasks.setAssignee(taskId, "tgp");
        tasks.delegateTask(taskId, "tnurse");

        forms.submitTaskForm(
                taskId,
                vars(
                        "physicalNeeds",
                        "Breathless",
                        "emotionalNeeds",
                        "Coping",
                        "socialNeeds",
                        "Family nearby",
                        "selfManagementConfidence",
                        "medium"));
        // resolved, not completed: the task is back with its owner, the answers with it
        assertThat(tasks.createTaskQuery().taskId(taskId).singleResult().getAssignee())
                .isEqualTo("tgp");
        assertThat(tasks.getVariable(taskId, "physicalNeeds")).isEqualTo("Breathless");

        tasks.complete(taskId);
        runJobs();
        long episodeId =
                episodes.findByActivePatientId(patient.id()).orElseThrow().id();
        assertThat(assessments
                        .findFirstByEpisodeIdOrderByIdDesc(episodeId)
                        .orElseThrow()
                        .physicalNeeds())
                .isEqualTo("Breathless");
        assertThat(runtime.createVariableInstanceQuery()
                        .processInstanceIdIn(instancesOf(patient))
                        .variableName("physicalNeeds")
                        .count())
                .as("forgotten once recorded")
                .isZero();
    }

    @Test
    void answersCompletedThroughTheTaskApiAreRecordedAndForgottenAsBefore() {
        Patient patient = fixture.patientWithConditions(3);
        ProcessInstance pathway = identify(patient);
        assignNamedProfessional(patient, "tgp");
        tasks.complete(
                task(patient, CoordinatedCare.RECORD_INVITATION_RESPONSE).getId(),
                vars(
                        "invitationResponse",
                        "accepted",
                        "meetingDate",
                        LocalDate.now().plusDays(3).toString()));

        assertThat(runtime.getVariable(pathway.getId(), "invitationResponse")).isEqualTo("accepted");
        assertThat(runtime.getVariable(pathway.getId(), "meetingDate")).isNull();
        // not a form submission: the engine wrote the values as variables before the listener forgot them
        assertThat(history.createHistoricVariableInstanceQuery()
                        .processInstanceIdIn(pathway.getId())
                        .includeDeleted()
                        .variableName("meetingDate")
                        .count())
                .isEqualTo(1);
        assertThat(task(patient, CarePlanning.HOLISTIC_ASSESSMENT)).isNotNull();
    }

    private ProcessInstance invitedAndAccepted(Patient patient) {
        ProcessInstance pathway = identify(patient);
        assignNamedProfessional(patient, "tgp");
        acceptInvitation(patient);
        return pathway;
    }

    /** The patient's pathway and the processes it called, which carry its business key. */
    private String[] instancesOf(Patient patient) {
        return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(patient.fhirId()).list().stream()
                .map(instance -> instance.getId())
                .toArray(String[]::new);
    }
}
