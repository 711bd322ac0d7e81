package org.coordinatedcare.sharedrecord;

import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.patient.Practice;

/** A patient the logged-in user may read, with their practice: the root every served resource hangs from. */
record PatientRecord(Patient patient, Practice practice) {

    String patientId() {
        return patient.fhirId();
    }
}
