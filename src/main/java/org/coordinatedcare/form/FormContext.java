package org.coordinatedcare.form;

import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * What a form shows, read-only, from earlier steps of the pathway, so a clinician is not asked again for what the
 * record already holds. Derived from our tables when the task is created ({@link FormContexts}) and kept as the task
 * variable {@value #VARIABLE}, which the form shows in a Text view ({@code {{fromEarlierSteps}}}). It lives only while
 * the task is open, is never written to the engine's history, and a value submitted for it is refused: it is the
 * server's, never the client's.
 */
public interface FormContext {

    /** The task variable a form's Text view shows: Markdown the server composed, user text made literal. */
    String VARIABLE = "fromEarlierSteps";

    /** The id of the Camunda Form ({@code forms/*.form}) this context is for. */
    String formId();

    /** Markdown for the form's Text view; empty when earlier steps left nothing to show. */
    Optional<String> describe(DelegateTask task);

    /**
     * Text a clinician typed, made literal for a form-js Text view, which renders its template's values as Markdown
     * (and the HTML it allows): every ASCII punctuation mark becomes a numeric character reference, which Markdown
     * leaves alone and the browser shows as the character, and leading spaces, which would start a code block, go.
     */
    static String literal(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        boolean lineStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                continue;
            }
            if (c == '\n') {
                out.append('\n');
                lineStart = true;
                continue;
            }
            if (lineStart && Character.isWhitespace(c)) {
                continue;
            }
            lineStart = false;
            if (c < 0x20 || c == 0x7f) {
                out.append(' ');
            } else if (c < 0x80 && !Character.isLetterOrDigit(c) && c != ' ') {
                out.append("&#").append((int) c).append(';');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
