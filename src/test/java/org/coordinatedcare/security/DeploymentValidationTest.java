package org.coordinatedcare.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.ResourceReport;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.coordinatedcare.deployment.Beans;
import org.coordinatedcare.deployment.DeploymentGuard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A process owner's deployment cannot raise anyone's rights (ADR 0016): each construct that would run code of the
 * deployment's own or reach the engine's services is refused, naming the element, and nothing is deployed. A plain
 * in-memory engine with the guard and a fixed set of beans, so no Spring application is started.
 */
class DeploymentValidationTest {

    /** The pathway beans the diagrams name, as in the application. */
    private static final Set<String> PATHWAY_BEANS = Set.of(
            "episodeOpener",
            "episodeCloser",
            "referralRegister",
            "referralSender",
            "caseFindingSchedule",
            "caseFindingRuns",
            "candidateFinder",
            "pathwayStarter",
            "caseFindingRunCompleter",
            "caseFindingReviewRecorder",
            "caseFindingListOptions",
            "invitationLetterWriter",
            "invitationResponseRecorder",
            "noResponseDecisionRecorder",
            "namedProfessionalAssigner",
            "coordinatorOptions",
            "clinicianOptions",
            "coordinatorTransferrer",
            "careCoordinatorAppointer",
            "coordinatedCareScheduler",
            "fundingDecisionRecorder",
            "closureAgreementRecorder",
            "referralProposer",
            "referralSuggestions",
            "referralResponseRecorder",
            "referralOutcomeRecorder",
            "holisticAssessmentRecorder",
            "carePlanRecorder",
            "carePlanSharer",
            "mdtReviewPreparer",
            "mdtReviewRecorder",
            "coordinatorTriggerRecorder",
            "mdtAgenda",
            "mdtAgendaBuilder",
            "mdtAgendaPreparer",
            "mdtMeetingOpener",
            "mdtAgendaItemRecorder",
            "mdtMeetingCloser",
            "mdtMeetingOutcomeRecorder");

    /** Beans of Spring and the engine that an expression could otherwise name. */
    private static final Set<String> OTHER_BEANS = Set.of(
            "identityService",
            "runtimeService",
            "repositoryService",
            "processEngine",
            "dataSource",
            "applicationContext",
            "jdbcTemplate",
            "teamAccounts");

    private static final Beans BEANS = new Beans() {
        @Override
        public boolean isBean(String name) {
            return PATHWAY_BEANS.contains(name) || OTHER_BEANS.contains(name);
        }

        @Override
        public boolean isProjectBean(String name) {
            return PATHWAY_BEANS.contains(name);
        }
    };

    /** The one bean the engine evaluates at deployment: case finding's timer start event reads its cycle. */
    public static class Schedule {
        public String getCycle() {
            return "0 0 6 1 * ?";
        }
    }

    private static ProcessEngine engine;
    private static RepositoryService repository;

    @BeforeAll
    static void startEngine() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl)
                ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
                        .setJdbcUrl("jdbc:h2:mem:deployment-guard-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                        .setProcessEngineName("deployment-guard-" + UUID.randomUUID())
                        .setJobExecutorActivate(false);
        configuration.setBeans(Map.of("caseFindingSchedule", new Schedule()));
        configuration.setProcessEnginePlugins(List.of(new DeploymentGuard(BEANS)));
        engine = configuration.buildProcessEngine();
        repository = engine.getRepositoryService();
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    // 1. script tasks

    @Test
    void aScriptTaskIsRefused() {
        ParseException refused = refused(diagram("""
                <bpmn:scriptTask id="Task_Script" scriptFormat="javascript">
                  <bpmn:script>java.lang.Runtime.getRuntime().exec("id")</bpmn:script>
                </bpmn:scriptTask>"""));

        assertNames(refused, "Task_Script", "script tasks are not allowed");
    }

    // 2. scripts anywhere

    @Test
    void aScriptInAnExecutionListenerIsRefused() {
        ParseException refused = refused(diagram(serviceTask("Task_Listened", """
                <camunda:executionListener event="start">
                  <camunda:script scriptFormat="groovy">execution.processEngineServices.identityService</camunda:script>
                </camunda:executionListener>""")));

        assertNames(refused, "Task_Listened", "scripts are not allowed");
    }

    @Test
    void aScriptInATaskListenerIsRefused() {
        ParseException refused = refused(diagram(userTask("Task_Review", "", """
                <camunda:taskListener event="create">
                  <camunda:script scriptFormat="javascript">task.setAssignee("owner")</camunda:script>
                </camunda:taskListener>""")));

        assertNames(refused, "Task_Review", "scripts are not allowed");
    }

    @Test
    void aScriptInAnInputParameterIsRefused() {
        ParseException refused = refused(diagram(serviceTask("Task_Mapped", """
                <camunda:inputOutput>
                  <camunda:inputParameter name="who">
                    <camunda:script scriptFormat="javascript">execution.getProcessEngineServices()</camunda:script>
                  </camunda:inputParameter>
                </camunda:inputOutput>""")));

        assertNames(refused, "Task_Mapped", "scripts are not allowed");
    }

    @Test
    void aScriptConditionIsRefused() {
        ParseException refused = refused(diagram("""
                <bpmn:exclusiveGateway id="Gateway_Choose" />
                <bpmn:sequenceFlow id="Flow_Start" sourceRef="Start" targetRef="Gateway_Choose" />
                <bpmn:sequenceFlow id="Flow_Scripted" sourceRef="Gateway_Choose" targetRef="End">
                  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="javascript">true</bpmn:conditionExpression>
                </bpmn:sequenceFlow>
                <bpmn:endEvent id="End" />"""));

        assertNames(refused, "Flow_Scripted", "script language \"javascript\"");
    }

    @Test
    void aScriptResourceIsRefused() {
        ParseException refused = refused(diagram(serviceTask("Task_External", """
                <camunda:executionListener event="end">
                  <camunda:script scriptFormat="groovy" resource="deployment://run.groovy" />
                </camunda:executionListener>""")));

        assertNames(refused, "Task_External", "resource=\"deployment://run.groovy\" refers to a script");
    }

    // 3. Java classes

    @Test
    void aJavaClassOnAServiceTaskIsRefused() {
        ParseException refused = refused(diagram("""
                <bpmn:serviceTask id="Task_Class" camunda:class="org.example.Anything" />"""));

        assertNames(refused, "Task_Class", "camunda:class=\"org.example.Anything\" names a Java class");
    }

    @Test
    void aJavaClassInATaskListenerIsRefused() {
        ParseException refused = refused(diagram(userTask("Task_Listened", "", """
                <camunda:taskListener event="complete" class="org.example.Anything" />""")));

        assertNames(refused, "Task_Listened", "names a Java class");
    }

    @Test
    void aJavaClassOnAMessageEventDefinitionIsRefused() {
        ParseException refused = refused(diagram("""
                <bpmn:intermediateThrowEvent id="Event_Send">
                  <bpmn:messageEventDefinition id="Message_Send" camunda:class="org.example.Anything" />
                </bpmn:intermediateThrowEvent>"""));

        assertNames(refused, "Message_Send", "names a Java class");
    }

    @Test
    void aVariableMappingClassOnACallActivityIsRefused() {
        ParseException refused = refused(diagram("""
                <bpmn:callActivity id="Call_Mapped" calledElement="care-planning" camunda:variableMappingClass="org.example.Anything" />"""));

        assertNames(refused, "Call_Mapped", "camunda:variableMappingClass");
    }

    // 4. embedded and external forms

    @Test
    void anEmbeddedFormOnAUserTaskIsRefused() {
        ParseException refused =
                refused(diagram(userTask("Task_Embedded", "camunda:formKey=\"embedded:deployment:steal.html\"", "")));

        assertNames(refused, "Task_Embedded", "camunda:formKey=\"embedded:deployment:steal.html\" is not allowed");
    }

    @Test
    void anEmbeddedFormOnAStartEventIsRefused() {
        String xml = diagram("")
                .replace(
                        "<bpmn:startEvent id=\"Start\" />",
                        "<bpmn:startEvent id=\"Start\" camunda:formKey=\"embedded:app:forms/start.html\" />");

        assertNames(refused(xml), "Start", "camunda:formKey");
    }

    // 5. expressions

    @Test
    void anExpressionCallingAnEngineServiceIsRefused() {
        ParseException refused = refused(diagram("""
                <bpmn:serviceTask id="Task_NewUser" camunda:expression="${identityService.newUser('intruder')}" />"""));

        assertNames(
                refused, "Task_NewUser", "'identityService' is a bean that is not one of this project's pathway beans");
    }

    @Test
    void anExpressionReachingTheEngineThroughTheExecutionIsRefused() {
        ParseException refused = refused(diagram(userTask(
                "Task_Assigned", "camunda:assignee=\"${execution.processEngineServices.identityService}\"", "")));

        assertNames(refused, "Task_Assigned", "'execution' gives access to the engine");
    }

    @Test
    void callingAMethodOnTheExecutionIsRefused() {
        ParseException refused = refused(diagram(serviceTask("Task_Listened", """
                <camunda:executionListener event="start" expression="${execution.getProcessEngineServices()}" />""")));

        assertNames(refused, "Task_Listened", "'execution' gives access to the engine");
    }

    @Test
    void theTaskContextObjectIsRefused() {
        ParseException refused = refused(diagram(userTask(
                "Task_Grouped",
                "camunda:candidateGroups=\"${task.processEngineServices.identityService.createGroupQuery().list()}\"",
                "")));

        assertNames(refused, "Task_Grouped", "'task' is the engine's own context object");
    }

    @Test
    void aDataSourceInACalledPathwaysVariablesIsRefused() {
        ParseException refused = refused(diagram("""
                <bpmn:callActivity id="Call_Planning" calledElement="care-planning">
                  <bpmn:extensionElements>
                    <camunda:in sourceExpression="${dataSource.connection}" target="connection" />
                  </bpmn:extensionElements>
                </bpmn:callActivity>"""));

        assertNames(refused, "Call_Planning", "'dataSource' is a bean");
    }

    @Test
    void aFunctionOtherThanDateTimeIsRefused() {
        ParseException refused = refused(diagram(userTask("Task_Due", "camunda:dueDate=\"${now()}\"", "")));

        assertNames(refused, "Task_Due", "the function now() is not allowed");
    }

    @Test
    void reflectionThroughAPathwayBeanIsRefused() {
        ParseException refused = refused(diagram("""
                <bpmn:serviceTask id="Task_Reflect" camunda:delegateExpression="${episodeOpener.getClass().forName('java.lang.Runtime')}" />"""));

        assertNames(refused, "Task_Reflect", "'getClass' leads to Java reflection");
    }

    @Test
    void callingAMethodOnAProcessVariableIsRefused() {
        ParseException refused = refused(diagram("""
                <bpmn:exclusiveGateway id="Gateway_Choose" />
                <bpmn:sequenceFlow id="Flow_Start" sourceRef="Start" targetRef="Gateway_Choose" />
                <bpmn:sequenceFlow id="Flow_Mapped" sourceRef="Gateway_Choose" targetRef="End">
                  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${answers.mapTo('java.lang.ProcessBuilder') != null}</bpmn:conditionExpression>
                </bpmn:sequenceFlow>
                <bpmn:endEvent id="End" />"""));

        assertNames(refused, "Flow_Mapped", "methods may not be called on the process variable 'answers'");
    }

    @Test
    void anEngineServiceInATimerIsRefused() {
        ParseException refused = refused(diagram("""
                <bpmn:intermediateCatchEvent id="Timer_Wait">
                  <bpmn:timerEventDefinition id="TimerDefinition_Wait">
                    <bpmn:timeDate xsi:type="bpmn:tFormalExpression">${runtimeService.createProcessInstanceQuery().count()}</bpmn:timeDate>
                  </bpmn:timerEventDefinition>
                </bpmn:intermediateCatchEvent>"""));

        assertNames(refused, "TimerDefinition_Wait", "'runtimeService' is a bean");
    }

    // 6. decisions

    @Test
    void aDecisionInJuelIsRefused() {
        ParseException refused = refused("guard.dmn", decision("", "", "expressionLanguage=\"juel\"", ""));

        assertNames(refused, "guard-decision", "the expression language \"juel\" (inputEntry InputEntry_Guard)");
    }

    @Test
    void anInputExpressionInJavascriptIsRefused() {
        ParseException refused = refused("guard.dmn", decision("", "expressionLanguage=\"javascript\"", "", ""));

        assertNames(refused, "guard-decision", "the expression language \"javascript\"");
    }

    @Test
    void anOutputEntryInGroovyIsRefused() {
        ParseException refused = refused("guard.dmn", decision("", "", "", "expressionLanguage=\"groovy\""));

        assertNames(refused, "guard-decision", "the expression language \"groovy\"");
    }

    @Test
    void decisionsDefaultingToJuelAreRefused() {
        ParseException refused = refused("guard.dmn", decision("expressionLanguage=\"juel\"", "", "", ""));

        assertNames(refused, "Definitions_Guard", "(the default of decisions guard-decision)");
    }

    @Test
    void aDecisionNamingFeelDeploys() {
        deployAndRemove(repository
                .createDeployment()
                .name("feel")
                .addString(
                        "feel.dmn",
                        decision(
                                "expressionLanguage=\"https://www.omg.org/spec/DMN/20191111/FEEL/\"",
                                "expressionLanguage=\"feel\"",
                                "expressionLanguage=\"FEEL\"",
                                "")));
    }

    // 7. CMMN

    @Test
    void aCaseDefinitionIsRefused() {
        ParseException refused =
                refused("case.cmmn", "<definitions xmlns=\"http://www.omg.org/spec/CMMN/20151109/MODEL\" />");

        assertThat(refused.getMessage()).contains("CMMN is not used here").contains("case.cmmn");
    }

    // what is allowed

    @Test
    void everyDiagramDecisionAndFormOfThePathwayDeploysThroughTheGuard() {
        DeploymentBuilder deployment = repository.createDeployment().name("pathway");
        for (String folder : List.of("processes", "forms")) {
            try (Stream<Path> files = Files.list(Path.of(folder))) {
                files.forEach(file -> {
                    try {
                        deployment.addString(file.getFileName().toString(), Files.readString(file));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Deployment deployed = deployAndRemove(deployment);

        assertThat(deployed.getName()).isEqualTo("pathway");
    }

    @Test
    void everythingRefusedInOneDeploymentIsReportedTogether() {
        DeploymentBuilder deployment = repository
                .createDeployment()
                .addString("first.bpmn", diagram("<bpmn:scriptTask id=\"Task_Script\" scriptFormat=\"js\" />"))
                .addString(
                        "second.bpmn",
                        diagram("<bpmn:serviceTask id=\"Task_Class\" camunda:class=\"org.example.A\" />"))
                .addString("good.dmn", decision("", "", "", ""));
        long before = repository.createDeploymentQuery().count();

        ParseException refused = catchThrowableOfType(deployment::deploy, ParseException.class);

        assertThat(refused).isNotNull();
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(before);
        assertThat(refused.getResorceReports())
                .extracting(ResourceReport::getResourceName)
                .containsExactly("first.bpmn", "second.bpmn");
        assertThat(refused.getMessage()).contains("Task_Script: ").contains("Task_Class: ");
    }

    // helpers

    private static ParseException refused(String bpmn) {
        return refused("guard.bpmn", bpmn);
    }

    /** Deploys the resource, expects the engine's parse failure and checks that nothing was deployed. */
    private static ParseException refused(String resourceName, String xml) {
        long before = repository.createDeploymentQuery().count();

        ParseException refused = catchThrowableOfType(
                () -> repository
                        .createDeployment()
                        .name("refused")
                        .addString(resourceName, xml)
                        .deploy(),
                ParseException.class);

        assertThat(refused).as("the deployment is refused").isNotNull();
        assertThat(repository.createDeploymentQuery().count()).as("deployments").isEqualTo(before);
        return refused;
    }

    /** The message names the element and says why, and the resource report points at the element. */
    private static void assertNames(ParseException refused, String elementId, String reason) {
        assertThat(refused.getMessage()).contains(elementId + ": ").contains(reason);
        assertThat(refused.getResorceReports())
                .flatExtracting(ResourceReport::getErrors)
                .anySatisfy(problem -> {
                    assertThat(problem.getMainElementId()).isEqualTo(elementId);
                    assertThat(problem.getMessage()).contains(reason);
                });
    }

    private static Deployment deployAndRemove(DeploymentBuilder deployment) {
        Deployment deployed = deployment.deploy();
        repository.deleteDeployment(deployed.getId(), true);
        return deployed;
    }

    private static String diagram(String elements) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    id="Definitions_Guard" targetNamespace="http://bpmn.io/schema/bpmn">
                  <bpmn:process id="guard-test" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="Start" />
                %s
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(elements);
    }

    private static String serviceTask(String id, String extensions) {
        return "<bpmn:serviceTask id=\"" + id + "\" camunda:delegateExpression=\"${episodeOpener}\">"
                + "<bpmn:extensionElements>" + extensions + "</bpmn:extensionElements></bpmn:serviceTask>";
    }

    private static String userTask(String id, String attributes, String extensions) {
        return "<bpmn:userTask id=\"" + id + "\" " + attributes + " camunda:formRef=\"refer-patient\""
                + " camunda:formRefBinding=\"deployment\"><bpmn:extensionElements>" + extensions
                + "</bpmn:extensionElements></bpmn:userTask>";
    }

    private static String decision(String definitions, String inputExpression, String inputEntry, String outputEntry) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn"
                    id="Definitions_Guard" name="Guard" namespace="http://camunda.org/schema/1.0/dmn" %s>
                  <decision id="guard-decision" name="Guard" camunda:historyTimeToLive="P1D">
                    <decisionTable id="DecisionTable_Guard">
                      <input id="Input_Guard">
                        <inputExpression id="InputExpression_Guard" typeRef="string" %s><text>need</text></inputExpression>
                      </input>
                      <output id="Output_Guard" name="answer" typeRef="string" />
                      <rule id="Rule_Guard">
                        <inputEntry id="InputEntry_Guard" %s><text>"rising"</text></inputEntry>
                        <outputEntry id="OutputEntry_Guard" %s><text>"soon"</text></outputEntry>
                      </rule>
                    </decisionTable>
                  </decision>
                </definitions>
                """.formatted(definitions, inputExpression, inputEntry, outputEntry);
    }
}
