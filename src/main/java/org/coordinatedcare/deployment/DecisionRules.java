package org.coordinatedcare.deployment;

import java.util.List;
import java.util.Set;

import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Decisions are written in FEEL only. JUEL in a decision reaches every bean and the engine as a diagram's expression
 * would, and a script language (JavaScript, Groovy) runs any code; FEEL reaches only the decision's inputs (the engine
 * runs it with external Java functions off).
 */
final class DecisionRules {

    /** The names the DMN engine treats as FEEL (ExpressionEvaluationHandler#isFeelExpressionLanguage). */
    private static final Set<String> FEEL = Set.of(
            DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE,
            DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_ALTERNATIVE,
            DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN12,
            DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN13,
            DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN14,
            DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN15);

    static boolean isFeel(String language) {
        return language != null && (FEEL.contains(language) || FEEL.contains(language.toLowerCase()));
    }

    void inspect(Element root, Findings findings) {
        inspect(root, root.attribute("id"), findings);
    }

    /** {@code decisionId}: the decision the element belongs to, or the definitions' id above every decision. */
    private void inspect(Element element, String decisionId, Findings findings) {
        String decision = "decision".equals(element.getTagName()) ? element.attribute("id") : decisionId;
        String language = element.attribute("expressionLanguage");
        if (language != null && !isFeel(language)) {
            String where = "definitions".equals(element.getTagName())
                    ? " (the default of decisions " + String.join(", ", decisionIds(element)) + ")"
                    : element.attribute("id") == null || element.attribute("id").equals(decision)
                            ? ""
                            : " (" + element.getTagName() + " " + element.attribute("id") + ")";
            findings.refuse(
                    element,
                    decision,
                    "the expression language \"" + language + "\"" + where
                            + " is not allowed: decisions are written in FEEL");
        }
        for (Element child : element.elements()) {
            inspect(child, decision, findings);
        }
    }

    private static List<String> decisionIds(Element definitions) {
        return definitions.elements().stream()
                .filter(child -> "decision".equals(child.getTagName()))
                .map(child -> child.attribute("id"))
                .toList();
    }
}
