package org.coordinatedcare.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
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
import org.coordinatedcare.DueJobs;
import org.coordinatedcare.EngineTest;
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
        ProcessInstance instance = runtime.createMessageCorrelation("PatientIdentified")
                .processInstanceBusinessKey(patient.id().toString())
                .setVariable("patientId", patient.id().toString())
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
                .processInstanceBusinessKey(patient.id().toString())
                .taskDefinitionKey(taskDefinitionKey)
                .list();
    }

    /** Completes the task as Tasklist does: the answers are submitted with the task's form. */
    protected void complete(Patient patient, String taskDefinitionKey, Object... keyValues) {
        Task task = task(patient, taskDefinitionKey);
        forms.submitTaskForm(task.getId(), vars(keyValues));
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
                "Task_AssignNamedProfessional",
                "namedProfessional",
                login,
                "assignmentNote",
                "Knows the family");
    }

    protected void acceptInvitation(Patient patient) {
        complete(
                patient,
                "Task_RecordInvitationResponse",
                "invitationResponse",
                "accepted",
                "meetingDate",
                LocalDate.now().plusDays(10).toString());
    }

    protected void assessNeeds(Patient patient, boolean socialNeeds, boolean lowMood, String confidence) {
        complete(
                patient,
                "Task_HolisticAssessment",
                "physicalNeeds",
                "Breathless on stairs; poorly controlled blood pressure",
                "emotionalNeeds",
                lowMood ? "Low mood since bereavement" : "Coping well",
                "socialNeeds",
                socialNeeds ? "Lives alone, rarely goes out" : "Supportive family nearby",
                "hasSocialNeeds",
                socialNeeds,
                "lowMood",
                lowMood,
                "selfManagementConfidence",
                confidence,
                "wantsLifestyleSupport",
                false,
                "healthBudgetEligible",
                false);
    }

    protected void holdCarePlanningMeeting(Patient patient) {
        complete(
                patient,
                "Task_HoldCarePlanningMeeting",
                "whatMattersToMe",
                "Walking to church on Sundays",
                "goals",
                "Walk 20 minutes a day",
                "action1",
                "Book pulmonary rehabilitation",
                "actionOwner1",
                "Practice nurse",
                "actionDue1",
                LocalDate.now().plusDays(14).toString(),
                "action2",
                "Join the walking group",
                "actionOwner2",
                "Patient",
                "actionDue2",
                LocalDate.now().plusDays(30).toString(),
                "reviewDate",
                LocalDate.now().plusMonths(6).toString(),
                "sharedWith",
                List.of("PATIENT", "FAMILY_OR_CARER", "HOSPITAL"),
                "consentToShare",
                true);
    }

    /** From identification to the first scheduled MDT review, with the given referrals confirmed. */
    protected ProcessInstance pathwayAwaitingMdtReview(Patient patient, List<String> referrals) {
        ProcessInstance instance = identify(patient);
        assignNamedProfessional(patient, "tgp");
        acceptInvitation(patient);
        assessNeeds(patient, false, false, "high");
        holdCarePlanningMeeting(patient);
        complete(patient, "Task_ConfirmReferrals", "referralTypes", referrals);
        return instance;
    }

    protected void holdMdtReview(
            Patient patient, String needTrend, int agencies, boolean longIntervention, String outcome) {
        complete(
                patient,
                "Task_HoldMdtReview",
                "meetingDate",
                LocalDate.now().toString(),
                "attendees",
                "GP, practice nurse, community matron, social worker",
                "needTrend",
                needTrend,
                "agenciesInvolved",
                agencies,
                "longInterventionExpected",
                longIntervention,
                "mdtOutcome",
                outcome,
                "mdtNotes",
                "Discussed at neighbourhood MDT");
    }

    protected boolean isEnded(ProcessInstance instance) {
        return runtime.createProcessInstanceQuery()
                        .processInstanceId(instance.getId())
                        .count()
                == 0;
    }
}
