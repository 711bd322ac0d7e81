package org.coordinatedcare.security;

import org.coordinatedcare.patient.PatientReference;
import org.coordinatedcare.web.InvalidRequestException;

/** How our API reads a patient's address from a request, before any practice check. */
public final class PatientAddresses {

    private PatientAddresses() {}

    /** A reference that cannot name anyone is the caller's mistake (400 naming {@code patientId}). */
    public static String wellFormed(String patientId) {
        if (!PatientReference.isWellFormed(patientId)) {
            throw new InvalidRequestException(
                    "patientId",
                    "Name the patient by their FHIR Patient id, or by their NHS number as "
                            + PatientReference.NHS_NUMBER_SYSTEM + "|<number>.");
        }
        return patientId;
    }
}
