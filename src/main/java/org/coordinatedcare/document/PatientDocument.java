package org.coordinatedcare.document;

import java.time.Instant;

import org.springframework.data.annotation.Id;

/**
 * A printable document produced by the pathway (letters, the shared care plan), kept as a small HTML page (also XHTML
 * since ADR 0022) and served as PDF too.
 */
public record PatientDocument(
        @Id Long id,
        Long patientId,
        Long episodeId,
        DocumentKind kind,
        String title,
        String content,
        Instant createdAt) {

    /** Where the team reads it as a page. */
    public String href() {
        return "/api/documents/" + id;
    }

    /** Where it is printed or handed to the person as a PDF, laid out on request from the same page. */
    public String pdfHref() {
        return href() + "/pdf";
    }
}
