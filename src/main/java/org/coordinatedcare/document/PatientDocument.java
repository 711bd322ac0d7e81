package org.coordinatedcare.document;

import java.time.Instant;

import org.springframework.data.annotation.Id;

/** A printable document produced by the pathway (letters, the shared care plan), kept as a small HTML page. */
public record PatientDocument(
        @Id Long id,
        Long patientId,
        Long episodeId,
        DocumentKind kind,
        String title,
        String content,
        Instant createdAt) {}
