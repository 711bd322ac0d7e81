package org.coordinatedcare.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.coordinatedcare.EngineTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The default history level: the engine's full history without a copy of every variable change (ADR 0015). */
@EngineTest
class HistoryWithoutDetailsTest {

    @Autowired
    ManagementService management;

    @Autowired
    RepositoryService repository;

    @Autowired
    RuntimeService runtime;

    @Autowired
    TaskService tasks;

    @Autowired
    HistoryService history;

    @Autowired
    IdentityService identity;

    @Autowired
    DecisionService decisions;

    @Test
    void theEngineRunsAtThisLevelByDefault() {
        assertThat(management.getHistoryLevel()).isEqualTo(HistoryWithoutDetails.ID);
    }

    @Test
    void aChangedVariableKeepsItsLastValueInHistoryButNoCopyOfEachChange() {
        ProcessInstance instance = startOneTaskProcess();
        runtime.setVariable(instance.getId(), "reviewCount", 1);
        runtime.setVariable(instance.getId(), "reviewCount", 2);

        assertThat(history.createHistoricVariableInstanceQuery()
                        .processInstanceId(instance.getId())
                        .variableName("reviewCount")
                        .singleResult()
                        .getValue())
                .isEqualTo(2);
        assertThat(history.createHistoricDetailQuery()
                        .processInstanceId(instance.getId())
                        .count())
                .isZero();
    }

    @Test
    void countersAndCopiesIntoACalledProcessLeaveNoHistoryWhileTheCallersVariableKeepsIts() {
        ProcessInstance instance = startRoutingProcess();
        completeAll(instance.getId()); // the two rounds of Task_Twice
        ProcessInstance child = runtime.createProcessInstanceQuery()
                .superProcessInstanceId(instance.getId())
                .singleResult();

        assertThat(history.createHistoricVariableInstanceQuery()
                        .processInstanceId(instance.getId())
                        .list())
                .extracting(variable -> variable.getName())
                .contains("reviewCount")
                .doesNotContain("loopCounter", "nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances");
        assertThat(runtime.getVariable(child.getId(), "reviewCount")).isEqualTo(7);
        assertThat(history.createHistoricVariableInstanceQuery()
                        .processInstanceId(child.getId())
                        .count())
                .isZero();
    }

    @Test
    void gatewaysAndPlainEventsLeaveNoActivityHistoryWhileTasksAndCallsKeepTheirs() {
        ProcessInstance instance = startRoutingProcess();
        completeAll(instance.getId());

        assertThat(history.createHistoricActivityInstanceQuery()
                        .processInstanceId(instance.getId())
                        .list())
                .extracting(activity -> activity.getActivityId())
                .contains("Task_Twice", "Call_Child")
                .doesNotContain("Start_Plain", "Gateway_Route");
        assertThat(history.createHistoricProcessInstanceQuery()
                        .processInstanceId(instance.getId())
                        .singleResult()
                        .getStartActivityId())
                .isEqualTo("Start_Plain"); // the instance's own history still says where it began
    }

    @Test
    void whoCompletedATaskIsStillInTheUserOperationLog() {
        ProcessInstance instance = startOneTaskProcess();
        Task task = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        tasks.setAssignee(task.getId(), "history-test-clinician"); // the engine grants an assignee their task
        identity.setAuthentication("history-test-clinician", List.of());
        try {
            tasks.complete(task.getId());
        } finally {
            identity.clearAuthentication();
        }

        assertThat(history.createUserOperationLogQuery()
                        .taskId(task.getId())
                        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE)
                        .list())
                .extracting(UserOperationLogEntry::getUserId)
                .containsExactly("history-test-clinician");
    }

    @Test
    void aDecisionKeepsItsInputsAndOutputs() {
        decisions.evaluateDecisionTableByKey(
                "self-management-referral",
                Variables.createVariables()
                        .putValue("hasSocialNeeds", true)
                        .putValue("lowMood", false)
                        .putValue("selfManagementConfidence", "high")
                        .putValue("wantsLifestyleSupport", false)
                        .putValue("healthBudgetEligible", false));

        HistoricDecisionInstance decision = history.createHistoricDecisionInstanceQuery()
                .decisionDefinitionKey("self-management-referral")
                .includeInputs()
                .includeOutputs()
                .orderByEvaluationTime()
                .desc()
                .listPage(0, 1)
                .get(0);
        assertThat(decision.getInputs()).extracting(input -> input.getValue()).contains(true, "high");
        assertThat(decision.getOutputs())
                .extracting(output -> output.getValue())
                .containsExactly("SOCIAL_PRESCRIBING");
    }

    @Test
    void aDatabaseKeptAtFullMovesToThisLevelAndBackWhileOtherLevelsAreLeftToTheEngine() {
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(
                "jdbc:h2:mem:history-level-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
        jdbc.execute("create table ACT_GE_PROPERTY (NAME_ varchar(64) primary key, VALUE_ varchar(300), REV_ integer)");
        jdbc.update("insert into ACT_GE_PROPERTY values ('historyLevel', '3', 1)");

        HistoryWithoutDetails.switchStoredLevel(jdbc.getDataSource(), "", 3, HistoryWithoutDetails.ID);
        assertThat(storedLevel(jdbc)).isEqualTo("13");
        HistoryWithoutDetails.switchStoredLevel(jdbc.getDataSource(), "", HistoryWithoutDetails.ID, 3);
        assertThat(storedLevel(jdbc)).isEqualTo("3");

        jdbc.update("update ACT_GE_PROPERTY set VALUE_ = '2' where NAME_ = 'historyLevel'"); // audit
        HistoryWithoutDetails.switchStoredLevel(jdbc.getDataSource(), "", 3, HistoryWithoutDetails.ID);
        assertThat(storedLevel(jdbc)).isEqualTo("2");
    }

    @Test
    void aNewDatabaseIsLeftForTheEngineToSetUp() {
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(
                "jdbc:h2:mem:history-level-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));

        HistoryWithoutDetails.switchStoredLevel(jdbc.getDataSource(), "", 3, HistoryWithoutDetails.ID);

        assertThat(jdbc.queryForObject(
                        "select count(*) from information_schema.tables where table_name = 'ACT_GE_PROPERTY'",
                        Integer.class))
                .isZero();
    }

    private static String storedLevel(JdbcTemplate jdbc) {
        return jdbc.queryForObject("select VALUE_ from ACT_GE_PROPERTY where NAME_ = 'historyLevel'", String.class);
    }

    private void completeAll(String processInstanceId) {
        for (int round = 0; round < 2; round++) {
            tasks.createTaskQuery()
                    .processInstanceId(processInstanceId)
                    .list()
                    .forEach(task -> tasks.complete(task.getId()));
        }
    }

    /** A plain start, a gateway, a task done twice (multi-instance) and a call that copies one variable in. */
    private ProcessInstance startRoutingProcess() {
        if (repository
                        .createProcessDefinitionQuery()
                        .processDefinitionKey("history-routing-test")
                        .count()
                == 0) {
            repository
                    .createDeployment()
                    .addModelInstance(
                            "history-routing-child.bpmn",
                            Bpmn.createExecutableProcess("history-routing-child")
                                    .camundaHistoryTimeToLive(1)
                                    .startEvent()
                                    .userTask("Task_InChild")
                                    .endEvent()
                                    .done())
                    .addModelInstance(
                            "history-routing-test.bpmn",
                            Bpmn.createExecutableProcess("history-routing-test")
                                    .camundaHistoryTimeToLive(1)
                                    .startEvent("Start_Plain")
                                    .exclusiveGateway("Gateway_Route")
                                    .userTask("Task_Twice")
                                    .multiInstance()
                                    .sequential()
                                    .cardinality("2")
                                    .multiInstanceDone()
                                    .callActivity("Call_Child")
                                    .calledElement("history-routing-child")
                                    .camundaIn("reviewCount", "reviewCount")
                                    .userTask("Task_After")
                                    .endEvent()
                                    .done())
                    .deploy();
        }
        return runtime.startProcessInstanceByKey(
                "history-routing-test", Variables.createVariables().putValue("reviewCount", 7));
    }

    private ProcessInstance startOneTaskProcess() {
        if (repository
                        .createProcessDefinitionQuery()
                        .processDefinitionKey("history-level-test")
                        .count()
                == 0) {
            repository
                    .createDeployment()
                    .addModelInstance(
                            "history-level-test.bpmn",
                            Bpmn.createExecutableProcess("history-level-test")
                                    .camundaHistoryTimeToLive(1)
                                    .startEvent()
                                    .userTask("Task_Check")
                                    .endEvent()
                                    .done())
                    .deploy();
        }
        return runtime.startProcessInstanceByKey("history-level-test");
    }
}
