package org.coordinatedcare.deployment;

import java.util.Set;

import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * What a BPMN diagram may not contain. Every element and attribute is looked at, in any namespace (the engine also
 * reads Camunda's attributes in the old Activiti namespace), so a construct cannot hide in a place this list forgot
 * to name.
 */
final class DiagramRules {

    /** Text the engine never evaluates: free-form notes may mention an expression. */
    private static final Set<String> NOTES = Set.of("documentation", "text");

    private final ExpressionAllowList expressions;

    DiagramRules(ExpressionAllowList expressions) {
        this.expressions = expressions;
    }

    void inspect(Element root, Findings findings) {
        inspect(root, null, findings);
    }

    private void inspect(Element element, String nearestId, Findings findings) {
        String id = element.attribute("id") != null ? element.attribute("id") : nearestId;
        String tag = element.getTagName();
        switch (tag) {
            case "scriptTask" ->
                findings.refuse(
                        element,
                        id,
                        "script tasks are not allowed: they run code written "
                                + "into the diagram. Use a service task whose camunda:delegateExpression names a pathway bean");
            case "script" ->
                findings.refuse(
                        element,
                        id,
                        "scripts are not allowed (in a script task, listener or "
                                + "input/output parameter): they run code written into the diagram");
            case "connector" ->
                findings.refuse(
                        element,
                        id,
                        "connectors (camunda:connector) are not allowed: they " + "call other systems from the engine");
            case "constraint" -> {
                if ("validator".equals(element.attribute("name"))) {
                    findings.refuse(
                            element,
                            id,
                            "custom form field validators are not allowed: they are Java "
                                    + "classes or expressions run by the engine");
                }
            }
            default -> {}
        }
        for (String key : element.attributes()) {
            inspectAttribute(element, id, key.substring(key.lastIndexOf(':') + 1), element.attribute(key), findings);
        }
        if (!NOTES.contains(tag)) {
            for (String objection : expressions.objections(element.getText())) {
                findings.refuse(
                        element,
                        id,
                        "the expression " + quoted(element.getText()) + " in <" + tag + "> is refused: " + objection);
            }
        }
        for (Element child : element.elements()) {
            inspect(child, id, findings);
        }
    }

    private void inspectAttribute(Element element, String id, String name, String value, Findings findings) {
        if (name.equals("class") || name.endsWith("Class")) {
            findings.refuse(
                    element,
                    id,
                    "camunda:" + name + "=\"" + value + "\" names a Java class, which is not "
                            + "allowed: reference a pathway bean with camunda:delegateExpression=\"${beanName}\"");
        } else if (name.equals("formKey")) {
            findings.refuse(
                    element,
                    id,
                    "camunda:formKey=\"" + value + "\" is not allowed: an embedded or external "
                            + "form would run the deployment's own HTML and JavaScript in clinicians' browsers. Use a "
                            + "Camunda Form with camunda:formRef");
        } else if (name.equals("resource")) {
            findings.refuse(element, id, "camunda:resource=\"" + value + "\" refers to a script, which is not allowed");
        } else if (name.equals("language")) {
            findings.refuse(
                    element,
                    id,
                    "a condition in the script language \"" + value + "\" is not allowed: "
                            + "conditions are expressions without a language attribute");
        } else {
            for (String objection : expressions.objections(value)) {
                findings.refuse(
                        element, id, "the expression " + quoted(value) + " in " + name + " is refused: " + objection);
            }
        }
    }

    private static String quoted(String text) {
        String trimmed = text.strip();
        return "'" + (trimmed.length() > 120 ? trimmed.substring(0, 117) + "..." : trimmed) + "'";
    }
}
