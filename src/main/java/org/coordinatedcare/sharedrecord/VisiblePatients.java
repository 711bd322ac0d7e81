package org.coordinatedcare.sharedrecord;

import java.util.Optional;

import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.patient.PatientReference;
import org.coordinatedcare.patient.PatientRepository;
import org.coordinatedcare.patient.Practice;
import org.coordinatedcare.patient.PracticeRepository;
import org.coordinatedcare.security.PracticeAccess;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;

/**
 * The practice rules of our API at the FHIR door: a patient the user may not read and a patient who does not exist
 * are the same 404, so the answer says nothing about another practice's register.
 */
@Component
class VisiblePatients {

    private final PatientReference references;
    private final PatientRepository patients;
    private final PracticeRepository practices;
    private final PracticeAccess access;

    VisiblePatients(
            PatientReference references,
            PatientRepository patients,
            PracticeRepository practices,
            PracticeAccess access) {
        this.references = references;
        this.patients = patients;
        this.practices = practices;
        this.access = access;
    }

    /** By FHIR Patient id or NHS-number token (ADR 0019), never by row id. */
    PatientRecord byReference(String reference) {
        return visible(references.find(reference), "Patient/" + reference);
    }

    /** The owner of a record found by its own id; the row id is ours and stays inside. */
    PatientRecord byRowId(Long patientRowId, String resource) {
        return visible(patientRowId == null ? Optional.empty() : patients.findById(patientRowId), resource);
    }

    private PatientRecord visible(Optional<Patient> found, String resource) {
        try {
            Patient patient = access.readableOrDenied(found, this::practiceOf).orElseThrow(() -> notFound(resource));
            return new PatientRecord(patient, practiceOf(patient));
        } catch (AccessDeniedException e) {
            throw notFound(resource);
        }
    }

    static ResourceNotFoundException notFound(String resource) {
        return new ResourceNotFoundException("Resource " + resource + " is not known, or not yours to read.");
    }

    private Practice practiceOf(Patient patient) {
        return practices.findById(patient.practiceId()).orElseThrow();
    }
}
