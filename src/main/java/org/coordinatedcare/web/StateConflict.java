package org.coordinatedcare.web;

/**
 * An exception that means the request conflicts with the pathway's current state (such as a second pathway for a
 * patient who has one). Both APIs answer it 409 with its message; features mark their exceptions with it, so this
 * package needs to know none of them.
 */
public interface StateConflict {

    /** The field a client should look at, such as {@code patientId}. */
    String field();
}
