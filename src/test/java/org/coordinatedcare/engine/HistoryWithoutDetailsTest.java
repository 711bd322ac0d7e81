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
