package org.coordinatedcare.engine;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.ThrowEvent;
import org.coordinatedcare.form.PathwayVariables;

/**
 * What the engine's history would only repeat (ADR 0031): the default level writes no history for it. Read from the
 * diagrams as they are parsed, so a process owner's new decision or call activity is covered without a change here.
 *
 * <ul>
 *   <li>Variables: the multi-instance counters the engine keeps, the ids and label the server sets from our tables at
 *       the start of a pathway, a decision's result (the decision's own history keeps it with its inputs), and the
 *       variables a call activity copies into the process it calls (the caller's own variable keeps its history).
 *   <li>Flow nodes that do nothing but route: gateways other than the event-based one (a wait state) and events with
 *       no trigger (plain start, end and throw events). The tasks, calls, waits and the instance's own start and end
 *       stay.
 * </ul>
 */
final class TechnicalHistory {

    /** The engine's own multi-instance variables. */
    private static final Set<String> COUNTERS =
            Set.of("loopCounter", "nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances");

    /** Set by the server from our tables (episode, patient, practice) and never changed by a user. */
    private static final Set<String> SERVER_SET = Set.of(
            PathwayVariables.PATIENT_LABEL,
            PathwayVariables.PATIENT_ID,
            PathwayVariables.EPISODE_ID,
            PathwayVariables.PRACTICE_CODE);

    private static final Set<String> decisionResults = ConcurrentHashMap.newKeySet();

    /** Process definition key of a called process to the names its callers copy into it. */
    private static final Map<String, Set<String>> copiedIn = new ConcurrentHashMap<>();

    /** Process definition id and activity id to whether it only routes; the diagrams of a version never change. */
    private static final Map<String, Boolean> routingOnly = new ConcurrentHashMap<>();

    private TechnicalHistory() {}

    static boolean isTechnical(VariableInstance variable) {
        String name = variable.getName();
        if (COUNTERS.contains(name) || SERVER_SET.contains(name) || decisionResults.contains(name)) {
            return true;
        }
        String definitionId = variable.getProcessDefinitionId();
        boolean instanceScope = variable.getTaskId() == null
                && variable.getExecutionId() != null
                && variable.getExecutionId().equals(variable.getProcessInstanceId());
        return instanceScope
                && definitionId != null
                && copiedIn.getOrDefault(definitionKey(definitionId), Set.of()).contains(name);
    }

    static boolean onlyRoutes(DelegateExecution execution) {
        String activityId = execution.getCurrentActivityId();
        String definitionId = execution.getProcessDefinitionId();
        if (activityId == null || definitionId == null) {
            return false;
        }
        return routingOnly.computeIfAbsent(
                definitionId + '\n' + activityId, key -> onlyRoutes(execution.getBpmnModelElementInstance()));
    }

    static boolean onlyRoutes(FlowElement element) {
        if (element instanceof Gateway) {
            return !(element instanceof EventBasedGateway);
        }
        if (element instanceof StartEvent start) {
            return start.getEventDefinitions().isEmpty();
        }
        if (element instanceof EndEvent || element instanceof IntermediateThrowEvent) {
            return ((ThrowEvent) element).getEventDefinitions().isEmpty();
        }
        return false;
    }

    /** An id is {@code key:version:uuid}, or the key alone for the first version of a short key. */
    static String definitionKey(String definitionId) {
        int colon = definitionId.indexOf(':');
        return colon < 0 ? definitionId : definitionId.substring(0, colon);
    }

    /** Learns the decision results and copies of each diagram as the engine parses it. */
    static final class DiagramReader extends AbstractBpmnParseListener {

        @Override
        public void parseBusinessRuleTask(Element element, ScopeImpl scope, ActivityImpl activity) {
            String result = element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "resultVariable");
            if (result != null && !result.isBlank()) {
                decisionResults.add(result);
            }
        }

        @Override
        public void parseCallActivity(Element element, ScopeImpl scope, ActivityImpl activity) {
            String called = element.attribute("calledElement");
            Element extensions = element.element("extensionElements");
            if (called == null || called.contains("{") || extensions == null) {
                return; // an expression names the called process only at run time
            }
            for (Element in : extensions.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "in")) {
                String target = in.attribute("target");
                if (target != null && in.attribute("variables") == null) {
                    copiedIn.computeIfAbsent(called, key -> ConcurrentHashMap.newKeySet())
                            .add(target);
                }
            }
        }
    }
}
