package org.coordinatedcare.deployment;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.impl.bpmn.parser.ResourceReportImpl;

/**
 * The engine's own parse failure, so that the engine REST API answers 400 with each resource's problems in
 * {@code details}, as for an invalid diagram, and Modeler shows them.
 */
public class RefusedDeployment extends ParseException {

    private static final long serialVersionUID = 1L;

    RefusedDeployment(Map<String, List<Problem>> problemsByResource) {
        super(
                message(problemsByResource),
                problemsByResource.keySet().iterator().next(),
                problemsByResource.values().iterator().next(),
                List.of());
        problemsByResource.entrySet().stream()
                .skip(1)
                .forEach(resource ->
                        resorceReports.add(new ResourceReportImpl(resource.getKey(), resource.getValue(), List.of())));
    }

    private static String message(Map<String, List<Problem>> problemsByResource) {
        StringBuilder message = new StringBuilder("The deployment is refused: a deployment may change the pathway, "
                + "but not run code of its own or reach the engine's services (ADR 0016). Errors:");
        problemsByResource.forEach((resource, problems) -> problems.forEach(problem -> message.append("\n* ")
                .append(problem.getMessage())
                .append(" | resource ")
                .append(resource)
                .append(problem)));
        return message.toString();
    }
}
