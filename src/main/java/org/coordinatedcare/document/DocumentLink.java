package org.coordinatedcare.document;

import java.time.Instant;

/**
 * A document as lists show it: what it is ({@code kind} is a {@link DocumentKind}), when it was written, and where to
 * open it as HTML and as PDF.
 */
public record DocumentLink(Long id, String kind, String title, Instant createdAt, String href, String pdfHref) {

    public static DocumentLink of(PatientDocument document) {
        return new DocumentLink(
                document.id(),
                document.kind().name(),
                document.title(),
                document.createdAt(),
                document.href(),
                document.pdfHref());
    }
}
