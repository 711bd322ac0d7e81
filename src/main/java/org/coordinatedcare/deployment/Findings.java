package org.coordinatedcare.deployment;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.xml.ProblemImpl;

/** What was refused in one resource, as the engine's own parse problems: a message, a line and the element's id. */
final class Findings {

    private final List<Problem> problems = new ArrayList<>();

    /**
     * Refuses {@code element}; {@code elementId} is its own id or, for an element without one (a listener's script), the
     * id of the nearest element that has one, so that Modeler and the REST answer point at the task or event.
     */
    void refuse(Element element, String elementId, String reason) {
        String name = elementId == null ? "<" + element.getTagName() + ">" : elementId;
        String message = name + ": " + reason;
        if (elementId == null || elementId.equals(element.attribute("id"))) {
            problems.add(new ProblemImpl(message, element));
        } else {
            problems.add(new ProblemImpl(message, element, elementId));
        }
    }

    void refuse(String reason) {
        problems.add(new ProblemImpl(reason, (Element) null));
    }

    List<Problem> problems() {
        return problems;
    }
}
