package org.coordinatedcare.audit;

import java.util.List;
import java.util.NoSuchElementException;

import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.patient.PatientReference;
import org.coordinatedcare.patient.PracticeRepository;
import org.coordinatedcare.security.PatientAddresses;
import org.coordinatedcare.security.PracticeAccess;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A patient's audit trail, oldest first, for the practice team and managers. */
@RestController
public class AuditController {

    private final AuditEventRepository events;
    private final PatientReference patients;
    private final PracticeRepository practices;
    private final PracticeAccess access;

    public AuditController(
            AuditEventRepository events,
            PatientReference patients,
            PracticeRepository practices,
            PracticeAccess access) {
        this.events = events;
        this.patients = patients;
        this.practices = practices;
        this.access = access;
    }

    /** {@code patientId}: the FHIR Patient id, or the NHS-number token (ADR 0019). */
    @GetMapping("/api/patients/{patientId}/audit")
    List<AuditEvent> audit(@PathVariable String patientId) {
        // an unknown patient and another practice's patient are refused alike (PracticeAccess)
        Patient patient = access.readableOrDenied(
                        patients.find(PatientAddresses.wellFormed(patientId)),
                        p -> practices.findById(p.practiceId()).orElseThrow())
                .orElseThrow(() -> new NoSuchElementException("No patient " + patientId));
        return events.findByPatientId(patient.id());
    }
}
