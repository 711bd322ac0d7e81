package org.coordinatedcare.document;

import java.nio.charset.StandardCharsets;
import java.util.NoSuchElementException;

import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.patient.PatientRepository;
import org.coordinatedcare.patient.Practice;
import org.coordinatedcare.patient.PracticeRepository;
import org.coordinatedcare.security.PracticeAccess;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A patient's printable document, for the team of the patient's practice (and managers). */
@RestController
public class DocumentController {

    private final PatientDocumentRepository documents;
    private final PatientRepository patients;
    private final PracticeRepository practices;
    private final PracticeAccess access;

    public DocumentController(
            PatientDocumentRepository documents,
            PatientRepository patients,
            PracticeRepository practices,
            PracticeAccess access) {
        this.documents = documents;
        this.patients = patients;
        this.practices = practices;
        this.access = access;
    }

    /** The printable page; errors still come back as problem JSON, whatever the client accepts. */
    @GetMapping("/api/documents/{documentId}")
    ResponseEntity<String> document(@PathVariable long documentId) {
        PatientDocument document = documents
                .findById(documentId)
                .orElseThrow(() -> new NoSuchElementException("No document with id " + documentId));
        access.checkRead(practiceOf(patient(document.patientId())));
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(document.content());
    }

    private Patient patient(long patientId) {
        return patients.findById(patientId)
                .orElseThrow(() -> new NoSuchElementException("No patient with id " + patientId));
    }

    private Practice practiceOf(Patient patient) {
        return practices.findById(patient.practiceId()).orElseThrow();
    }
}
