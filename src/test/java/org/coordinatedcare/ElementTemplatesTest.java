package org.coordinatedcare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Modeler templates in {@code element-templates/} and the diagrams agree (ADR 0028): every bean, decision and form
 * a template names exists and is what the template uses it as; every project delegate has a template; every service,
 * business-rule and user task of {@code processes/*.bpmn} names a template of its type and version
 * ({@code camunda:modelerTemplate}), and carries the values the template fixes, values its constraints allow, and the
 * task listeners and retry cycle the template lists in its {@code metadata} (Camunda 7 templates cannot bind them). The
 * schema itself is checked by {@code src/tools/templates/validate.sh}.
 */
@EngineTest
class ElementTemplatesTest {

    private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    private static final Pattern BEAN = Pattern.compile("^\\$\\{([A-Za-z][A-Za-z0-9]*)}$");

    @Autowired
    private ApplicationContext context;

    @Autowired
    private RepositoryService repositoryService;

    @Test
    void everyBeanDecisionAndFormATemplateNamesExists() throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> delegates = new TreeSet<>();
        for (JsonNode template : templates().values()) {
            String id = template.path("id").asText();
            for (JsonNode property : template.path("properties")) {
                JsonNode binding = property.path("binding");
                String value = property.path("value").asText();
                if (isProperty(binding, "camunda:delegateExpression")) {
                    delegates.add(bean(value));
                    checkBean(id, value, JavaDelegate.class, problems);
                } else if (binding.path("type").asText().equals("camunda:executionListener")) {
                    checkBean(id, value, ExecutionListener.class, problems);
                } else if (isProperty(binding, "camunda:decisionRef")
                        && repositoryService
                                        .createDecisionDefinitionQuery()
                                        .decisionDefinitionKey(value)
                                        .latestVersion()
                                        .singleResult()
                                == null) {
                    problems.add(id + ": no deployed decision " + value);
                } else if (isProperty(binding, "camunda:formRef")
                        && property.path("type").asText().equals("Hidden")
                        && !new File("forms/" + value + ".form").isFile()) {
                    problems.add(id + ": no form forms/" + value + ".form");
                }
            }
            for (JsonNode listener : template.path("metadata").path("taskListeners")) {
                checkBean(id, listener.path("delegateExpression").asText(), TaskListener.class, problems);
            }
        }
        for (String name : context.getBeanNamesForType(JavaDelegate.class, false, false)) {
            Class<?> type = ClassUtils.getUserClass(context.getType(name, false));
            if (type.getName().startsWith("org.coordinatedcare.") && !delegates.contains(name)) {
                problems.add("the delegate bean " + name + " has no service-task template");
            }
        }
        assertThat(delegates).hasSizeGreaterThanOrEqualTo(10);
        assertThat(problems).isEmpty();
    }

    @Test
    void everyTaskOfEveryDiagramMatchesItsTemplate() throws IOException {
        Map<String, JsonNode> templates = templates();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        File[] diagrams = new File("processes").listFiles((dir, name) -> name.endsWith(".bpmn"));
        assertThat(diagrams).isNotEmpty();
        Arrays.sort(diagrams);
        for (File file : diagrams) {
            BpmnModelInstance model = Bpmn.readModelFromFile(file);
            for (Task task : model.getModelElementsByType(Task.class)) {
                if (task instanceof ServiceTask || task instanceof BusinessRuleTask || task instanceof UserTask) {
                    checked++;
                    problems.addAll(mismatches(file.getName(), task, templates));
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(35);
        assertThat(problems).isEmpty();
    }

    @Test
    void aTaskThatDisagreesWithItsTemplateIsFound() throws IOException {
        Map<String, JsonNode> templates = templates();
        BpmnModelInstance model = Bpmn.readModelFromFile(new File("processes/coordinated-care.bpmn"));

        ServiceTask closeEpisode = model.getModelElementById(Diagram.CoordinatedCare.CLOSE_EPISODE);
        closeEpisode.setCamundaDelegateExpression("${referralSender}");
        assertThat(mismatches("coordinated-care.bpmn", closeEpisode, templates))
                .singleElement(InstanceOfAssertFactories.STRING)
                .contains("Delegate")
                .contains("${episodeCloser}");

        UserTask assign = model.getModelElementById(Diagram.CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL);
        assign.getExtensionElements().getElementsQuery().filterByType(CamundaTaskListener.class).list().stream()
                .filter(listener -> listener.getCamundaEvent().equals("create"))
                .forEach(listener -> assign.getExtensionElements().removeChildElement(listener));
        assign.setCamundaCandidateGroups("${initiator}");
        assertThat(mismatches("coordinated-care.bpmn", assign, templates))
                .anySatisfy(problem -> assertThat(problem).contains("task listeners"))
                .anySatisfy(problem -> assertThat(problem).contains("Candidate groups"));

        UserTask agree = model.getModelElementById(Diagram.CoordinatedCare.AGREE_CLOSURE);
        agree.setAttributeValueNs(CAMUNDA, "modelerTemplate", "org.coordinatedcare.user.no-such-template");
        assertThat(mismatches("coordinated-care.bpmn", agree, templates))
                .singleElement(InstanceOfAssertFactories.STRING)
                .contains("no-such-template");
    }

    /** What is wrong with the task against the template it names; empty when it matches. */
    private static List<String> mismatches(String file, Task task, Map<String, JsonNode> templates) {
        List<String> problems = new ArrayList<>();
        String where = file + " " + task.getId() + ": ";
        String templateId = task.getAttributeValueNs(CAMUNDA, "modelerTemplate");
        JsonNode template = templateId == null ? null : templates.get(templateId);
        if (template == null) {
            problems.add(where + (templateId == null ? "names no template" : "names the unknown template " + templateId)
                    + " (camunda:modelerTemplate)");
            return problems;
        }
        String version = template.path("version").asText();
        if (!version.equals(task.getAttributeValueNs(CAMUNDA, "modelerTemplateVersion"))) {
            problems.add(where + "camunda:modelerTemplateVersion must be " + version + " for " + templateId);
        }
        String typeName = task.getElementType().getTypeName();
        String type = "bpmn:" + Character.toUpperCase(typeName.charAt(0)) + typeName.substring(1);
        if (!type.equals(template.path("elementType").path("value").asText())) {
            problems.add(where + "is a " + type + ", " + templateId + " is for "
                    + template.path("elementType").path("value").asText());
        }
        for (JsonNode property : template.path("properties")) {
            String label = property.path("label").asText();
            String actual = bound(task, property.path("binding"));
            String expected = property.path("value").asText(null);
            String kind = property.path("type").asText();
            boolean fixed = kind.equals("Hidden") || !property.path("editable").asBoolean(true);
            if (fixed && !String.valueOf(expected).equals(String.valueOf(actual))) {
                problems.add(where + label + " is " + actual + ", " + templateId + " fixes it to " + expected);
            } else if (kind.equals("Dropdown")) {
                List<String> choices = new ArrayList<>();
                property.path("choices")
                        .forEach(choice -> choices.add(choice.path("value").asText()));
                if (!choices.contains(actual)) {
                    problems.add(where + label + " is " + actual + ", not one of " + choices);
                }
            } else if (kind.equals("Boolean")
                    && actual != null
                    && !Set.of("true", "false").contains(actual)) {
                problems.add(where + label + " is " + actual + ", not true or false");
            } else if (kind.equals("String") || kind.equals("Text")) {
                JsonNode constraints = property.path("constraints");
                JsonNode pattern = constraints.path("pattern");
                String regex = pattern.isTextual()
                        ? pattern.asText()
                        : pattern.path("value").asText(null);
                if (constraints.path("notEmpty").asBoolean(false) && (actual == null || actual.isBlank())) {
                    problems.add(where + label + " is empty");
                } else if (actual != null
                        && regex != null
                        && !Pattern.compile(regex).matcher(actual).find()) {
                    problems.add(where + label + " '" + actual + "' does not match " + regex);
                }
            }
        }
        if (task instanceof UserTask userTask) {
            if (userTask.getCamundaFormRef() != null
                    && !new File("forms/" + userTask.getCamundaFormRef() + ".form").isFile()) {
                problems.add(where + "no form forms/" + userTask.getCamundaFormRef() + ".form");
            }
            List<String> expected = new ArrayList<>();
            template.path("metadata")
                    .path("taskListeners")
                    .forEach(listener -> expected.add(listener.path("event").asText() + " "
                            + listener.path("delegateExpression").asText()));
            List<String> actual = new ArrayList<>();
            if (task.getExtensionElements() != null) {
                task.getExtensionElements()
                        .getElementsQuery()
                        .filterByType(CamundaTaskListener.class)
                        .list()
                        .forEach(listener -> actual.add(listener.getCamundaEvent() + " "
                                + (listener.getCamundaDelegateExpression() == null
                                        ? "(not a delegate expression)"
                                        : listener.getCamundaDelegateExpression())));
            }
            if (!new TreeSet<>(expected).equals(new TreeSet<>(actual)) || expected.size() != actual.size()) {
                problems.add(where + "task listeners are " + actual + ", " + templateId + " lists " + expected);
            }
        }
        String retry = template.path("metadata").path("failedJobRetryTimeCycle").asText(null);
        boolean async = "true".equals(task.getAttributeValueNs(CAMUNDA, "asyncBefore"))
                || "true".equals(task.getAttributeValueNs(CAMUNDA, "asyncAfter"));
        if (retry != null && async) {
            String actual = task.getExtensionElements() == null
                    ? null
                    : task
                            .getExtensionElements()
                            .getElementsQuery()
                            .filterByType(CamundaFailedJobRetryTimeCycle.class)
                            .list()
                            .stream()
                            .map(cycle -> cycle.getTextContent().strip())
                            .findFirst()
                            .orElse(null);
            if (!retry.equals(actual)) {
                problems.add(where + "is asynchronous with retry time cycle " + actual + ", " + templateId + " needs "
                        + retry);
            }
        }
        return problems;
    }

    /** The value a template property's binding reads from the element, null when the element does not set it. */
    private static String bound(BaseElement element, JsonNode binding) {
        String type = binding.path("type").asText();
        String name = binding.path("name").asText();
        if (type.equals("property")) {
            return name.startsWith("camunda:")
                    ? element.getAttributeValueNs(CAMUNDA, name.substring("camunda:".length()))
                    : element.getAttributeValue(name);
        }
        if (type.equals("camunda:inputParameter")) {
            if (element.getExtensionElements() == null) {
                return null;
            }
            return element
                    .getExtensionElements()
                    .getElementsQuery()
                    .filterByType(CamundaInputOutput.class)
                    .list()
                    .stream()
                    .flatMap(inputOutput -> inputOutput.getCamundaInputParameters().stream())
                    .filter(parameter -> name.equals(parameter.getCamundaName()))
                    .map(parameter -> parameter.getTextContent().strip())
                    .findFirst()
                    .orElse(null);
        }
        throw new IllegalStateException("ElementTemplatesTest does not read " + type + " bindings yet: teach bound()");
    }

    private void checkBean(String templateId, String expression, Class<?> kind, List<String> problems) {
        String name = bean(expression);
        if (name == null) {
            problems.add(templateId + ": " + expression + " is not ${beanName}");
        } else if (!context.containsBean(name)) {
            problems.add(templateId + ": no bean " + name);
        } else if (!kind.isAssignableFrom(context.getType(name, false))) {
            problems.add(templateId + ": the bean " + name + " is not a " + kind.getSimpleName());
        }
    }

    private static String bean(String expression) {
        Matcher matcher = BEAN.matcher(expression);
        return matcher.matches() ? matcher.group(1) : null;
    }

    private static boolean isProperty(JsonNode binding, String name) {
        return binding.path("type").asText().equals("property")
                && binding.path("name").asText().equals(name);
    }

    /** Every template in element-templates/, by id. */
    private static Map<String, JsonNode> templates() throws IOException {
        Map<String, JsonNode> templates = new LinkedHashMap<>();
        File[] files = new File("element-templates").listFiles((dir, name) -> name.endsWith(".json"));
        assertThat(files).isNotEmpty();
        Arrays.sort(files);
        ObjectMapper json = new ObjectMapper();
        for (File file : files) {
            JsonNode root = json.readTree(file);
            for (JsonNode template :
                    root.isArray() ? root : json.createArrayNode().add(root)) {
                assertThat(templates.put(template.path("id").asText(), template))
                        .as(
                                "template id %s in %s is used twice",
                                template.path("id").asText(), file)
                        .isNull();
            }
        }
        return templates;
    }
}
