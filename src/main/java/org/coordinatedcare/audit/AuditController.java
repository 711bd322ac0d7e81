package org.coordinatedcare.audit;

import java.util.List;
import java.util.NoSuchElementException;

import org.coordinatedcare.patient.PatientRepository;
import org.coordinatedcare.patient.PracticeRepository;
import org.coordinatedcare.security.PracticeAccess;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A patient's audit trail, oldest first, for the practice team and managers. */
@RestController
public class AuditController {

    private final AuditEventRepository events;
    private final PatientRepository patients;
    private final PracticeRepository practices;
    private final PracticeAccess access;

    public AuditController(
            AuditEventRepository events,
            PatientRepository patients,
            PracticeRepository practices,
            PracticeAccess access) {
        this.events = events;
        this.patients = patients;
        this.practices = practices;
        this.access = access;
    }

    @GetMapping("/api/patients/{patientId}/audit")
    List<AuditEvent> audit(@PathVariable long patientId) {
        // an unknown id and another practice's patient are refused alike (PracticeAccess)
        access.readableOrDenied(
                        patients.findById(patientId),
                        p -> practices.findById(p.practiceId()).orElseThrow())
                .orElseThrow(() -> new NoSuchElementException("No patient with id " + patientId));
        return events.findByPatientId(patientId);
    }
}
