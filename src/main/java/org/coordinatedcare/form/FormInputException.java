package org.coordinatedcare.form;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * A clinician's form input that cannot be recorded. Thrown from a task listener, it fails the task completion
 * (Tasklist shows the message) and rolls back everything, so nothing is half-written.
 */
public class FormInputException extends ProcessEngineException {

    private final String field;

    public FormInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The form key the clinician has to correct. */
    public String getField() {
        return field;
    }
}
