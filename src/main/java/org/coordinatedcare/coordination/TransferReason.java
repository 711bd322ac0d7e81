package org.coordinatedcare.coordination;

/** Why the care coordinator role moves to someone else (DH information sheet 3). */
public enum TransferReason {
    /** The current care coordinator is not the most appropriate person. */
    NOT_MOST_APPROPRIATE,
    /** The individual or their carer has requested it. */
    PATIENT_OR_CARER_REQUEST,
    /** The professional acting as care coordinator no longer has any involvement with the individual. */
    NO_LONGER_INVOLVED
}
