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

    /** Markdown for the form's Text view ({@link ContextText}); empty when earlier steps left nothing to show. */
    Optional<String> describe(DelegateTask task);
}
