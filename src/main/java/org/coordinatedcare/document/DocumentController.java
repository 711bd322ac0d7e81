package org.coordinatedcare.document;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.NoSuchElementException;

import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.patient.PatientReference;
import org.coordinatedcare.patient.PatientRepository;
import org.coordinatedcare.patient.Practice;
import org.coordinatedcare.patient.PracticeRepository;
import org.coordinatedcare.security.PatientAddresses;
import org.coordinatedcare.security.PracticeAccess;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A patient's printable documents, for the team of the patient's practice (and managers). */
@RestController
public class DocumentController {

    private final PatientDocumentRepository documents;
    private final PatientRepository patients;
    private final PatientReference references;
    private final PracticeRepository practices;
    private final PracticeAccess access;
    private final DocumentPdf pdf;

    public DocumentController(
            PatientDocumentRepository documents,
            PatientRepository patients,
            PatientReference references,
            PracticeRepository practices,
            PracticeAccess access,
            DocumentPdf pdf) {
        this.documents = documents;
        this.patients = patients;
        this.references = references;
        this.practices = practices;
        this.access = access;
        this.pdf = pdf;
    }

    /** {@code patientId}: the FHIR Patient id, or the NHS-number token (ADR 0019); oldest first. */
    @GetMapping("/api/patients/{patientId}/documents")
    List<DocumentLink> list(@PathVariable String patientId) {
        Patient patient = access.readableOrDenied(
                        references.find(PatientAddresses.wellFormed(patientId)), this::practiceOf)
                .orElseThrow(() -> new NoSuchElementException("No patient " + patientId));
        return documents.findByPatientIdOrderByCreatedAt(patient.id()).stream()
                .map(DocumentLink::of)
                .toList();
    }

    /** The printable page; errors still come back as problem JSON, whatever the client accepts. */
    @GetMapping("/api/documents/{documentId}")
    ResponseEntity<String> document(@PathVariable long documentId) {
        PatientDocument document = readable(documentId);
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(document.content());
    }

    /** The same document as PDF, laid out from the stored page on each request (no second copy to keep in step). */
    @GetMapping("/api/documents/{documentId}/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable long documentId) {
        PatientDocument document = readable(documentId);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline()
                                .filename(DocumentPdf.fileName(document))
                                .build()
                                .toString())
                .body(pdf.render(document));
    }

    private PatientDocument readable(long documentId) {
        PatientDocument document = documents
                .findById(documentId)
                .orElseThrow(() -> new NoSuchElementException("No document with id " + documentId));
        access.checkRead(practiceOf(patient(document.patientId())));
        return document;
    }

    private Patient patient(long patientId) {
        return patients.findById(patientId)
                .orElseThrow(() -> new NoSuchElementException("No patient with id " + patientId));
    }

    private Practice practiceOf(Patient patient) {
        return practices.findById(patient.practiceId()).orElseThrow();
    }
}
