package org.coordinatedcare.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coordinatedcare.FormAnswers.ASSIGN_NAMED_PROFESSIONAL;
import static org.coordinatedcare.FormAnswers.CARE_PLANNING_MEETING;
import static org.coordinatedcare.FormAnswers.CONFIRM_REFERRALS;
import static org.coordinatedcare.FormAnswers.HOLD_MDT_REVIEW;
import static org.coordinatedcare.FormAnswers.HOLISTIC_ASSESSMENT;
import static org.coordinatedcare.FormAnswers.RECORD_INVITATION_RESPONSE;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.coordinatedcare.Diagram.CarePlanning;
import org.coordinatedcare.Diagram.CoordinatedCare;
import org.coordinatedcare.Diagram.MdtReview;
import org.coordinatedcare.Diagram.Messages;
import org.coordinatedcare.DueJobs;
import org.coordinatedcare.EngineTest;
import org.coordinatedcare.FormAnswers;
import org.coordinatedcare.patient.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Drives the real diagrams, decision tables and Spring beans on an in-memory database. The job executor is off, so
 * async continuations run when {@link #runJobs()} says and timers fire when {@link #fireTimer(String)} says.
 */
@EngineTest
public abstract class PathwayTestSupport {

    @Autowired
    protected ProcessEngine engine;

    @Autowired
    protected RuntimeService runtime;

    @Autowired
    protected TaskService tasks;

    @Autowired
    protected FormService forms;

    @Autowired
    protected ManagementService management;

    @Autowired
    protected HistoryService history;

    @Autowired
    protected PathwayFixture fixture;

    @BeforeEach
    void initAssertions() {
        BpmnAwareTests.init(engine);
        fixture.practice();
    }

    @AfterEach
    void removeRunningPathways() {
        runtime.createProcessInstanceQuery()
                .rootProcessInstances()
                .list()
                .forEach(pi -> runtime.deleteProcessInstance(pi.getId(), "test finished", true, true));
    }

    protected ProcessInstance identify(Patient patient) {
        ProcessInstance instance = runtime.createMessageCorrelation(Messages.PATIENT_IDENTIFIED)
                .processInstanceBusinessKey(patient.fhirId())
                .setVariable("patientId", patient.fhirId())
                .correlateStartMessage();
        runJobs();
        return instance;
    }

    /** Runs every due job (async continuations, not future timers) until none is left, as the job executor would. */
    protected void runJobs() {
        DueJobs.run(management);
    }

    protected void fireTimer(String timerActivityId) {
        Job timer = management.createJobQuery().activityId(timerActivityId).singleResult();
        assertThat(timer).as("timer " + timerActivityId).isNotNull();
        management.executeJob(timer.getId());
        runJobs();
    }

    /** The one open task with this definition key in the patient's pathway (including its called processes). */
    protected Task task(Patient patient, String taskDefinitionKey) {
        List<Task> open = openTasks(patient, taskDefinitionKey);
        assertThat(open).as("open tasks " + taskDefinitionKey).hasSize(1);
        return open.get(0);
    }

    protected List<Task> openTasks(Patient patient, String taskDefinitionKey) {
        return tasks.createTaskQuery()
                .processInstanceBusinessKey(patient.fhirId())
                .taskDefinitionKey(taskDefinitionKey)
                .list();
    }

    /** Completes the task as Tasklist does: the answers are submitted with the task's form. */
    protected void complete(Patient patient, String taskDefinitionKey, Object... keyValues) {
        Task task = task(patient, taskDefinitionKey);
        forms.submitTaskForm(task.getId(), vars(keyValues));
        runJobs();
    }

    /** Completes the task with these answers, e.g. a {@link FormAnswers} answer with one field overridden. */
    protected void complete(Patient patient, String taskDefinitionKey, Map<String, Object> answers) {
        forms.submitTaskForm(task(patient, taskDefinitionKey).getId(), answers);
        runJobs();
    }

    protected static Map<String, Object> vars(Object... keyValues) {
        Map<String, Object> variables = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            variables.put((String) keyValues[i], keyValues[i + 1]);
        }
        return variables;
    }

    // The steps of the pathway as a clinician takes them in Tasklist, with realistic form values.

    protected void assignNamedProfessional(Patient patient, String login) {
        complete(
                patient,
                CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL,
                FormAnswers.with(ASSIGN_NAMED_PROFESSIONAL, "namedProfessional", login));
    }

    protected void acceptInvitation(Patient patient) {
        complete(patient, CoordinatedCare.RECORD_INVITATION_RESPONSE, FormAnswers.of(RECORD_INVITATION_RESPONSE));
    }

    protected void assessNeeds(Patient patient, boolean socialNeeds, boolean lowMood, String confidence) {
        complete(
                patient,
                CarePlanning.HOLISTIC_ASSESSMENT,
                FormAnswers.with(
                        HOLISTIC_ASSESSMENT,
                        "emotionalNeeds",
                        lowMood ? "Low mood since bereavement" : "Coping well",
                        "socialNeeds",
                        socialNeeds ? "Lives alone, rarely goes out" : "Supportive family nearby",
                        "hasSocialNeeds",
                        socialNeeds,
                        "lowMood",
                        lowMood,
                        "selfManagementConfidence",
                        confidence));
    }

    protected void holdCarePlanningMeeting(Patient patient) {
        complete(patient, CarePlanning.HOLD_CARE_PLANNING_MEETING, FormAnswers.of(CARE_PLANNING_MEETING));
    }

    /** From identification to the first scheduled MDT review, with the given referrals confirmed. */
    protected ProcessInstance pathwayAwaitingMdtReview(Patient patient, List<String> referrals) {
        ProcessInstance instance = identify(patient);
        assignNamedProfessional(patient, "tgp");
        acceptInvitation(patient);
        assessNeeds(patient, false, false, "high");
        holdCarePlanningMeeting(patient);
        complete(
                patient,
                CoordinatedCare.CONFIRM_REFERRALS,
                FormAnswers.with(CONFIRM_REFERRALS, "referralTypes", referrals));
        return instance;
    }

    protected void holdMdtReview(
            Patient patient, String needTrend, int agencies, boolean longIntervention, String outcome) {
        complete(
                patient,
                MdtReview.HOLD_MDT_REVIEW,
                FormAnswers.with(
                        HOLD_MDT_REVIEW,
                        "needTrend",
                        needTrend,
                        "agenciesInvolved",
                        agencies,
                        "longInterventionExpected",
                        longIntervention,
                        "mdtOutcome",
                        outcome));
    }

    protected boolean isEnded(ProcessInstance instance) {
        return runtime.createProcessInstanceQuery()
                        .processInstanceId(instance.getId())
                        .count()
                == 0;
    }
}
