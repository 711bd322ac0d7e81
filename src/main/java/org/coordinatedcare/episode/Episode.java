package org.coordinatedcare.episode;

import java.time.Instant;

import org.springframework.data.annotation.Id;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One period of coordinated care for a patient, from identification to closure. {@code activePatientId} mirrors the
 * patient id while the episode is active so that the database itself allows only one active episode per patient.
 * Both are the register's internal row id, left out of every answer (ADR 0019).
 */
public record Episode(
        @Id Long id,
        @JsonIgnore Long patientId,
        Long practiceId,
        EpisodeStatus status,
        Instant openedAt,
        Instant closedAt,
        ClosureReason closureReason,
        String closureNote,
        Boolean patientAgreed,
        String closedBy,
        int ltcCount,
        String processInstanceId,
        @JsonIgnore Long activePatientId,
        String closureRequestedBy) {

    public static Episode open(Long patientId, Long practiceId, int ltcCount, String processInstanceId) {
        return new Episode(
                null,
                patientId,
                practiceId,
                EpisodeStatus.ACTIVE,
                Instant.now(),
                null,
                null,
                null,
                null,
                null,
                ltcCount,
                processInstanceId,
                patientId,
                null);
    }

    public boolean isActive() {
        return status == EpisodeStatus.ACTIVE;
    }

    /** The named professional's record of the closure conversation; the episode stays open until it is closed. */
    public Episode withClosureDiscussion(String note, boolean patientAgreed) {
        return new Episode(
                id,
                patientId,
                practiceId,
                status,
                openedAt,
                closedAt,
                closureReason,
                note,
                patientAgreed,
                closedBy,
                ltcCount,
                processInstanceId,
                activePatientId,
                closureRequestedBy);
    }

    /** Records who asked for the closure that a later step of the pathway carries out. */
    public Episode closureRequestedBy(String by) {
        return new Episode(
                id,
                patientId,
                practiceId,
                status,
                openedAt,
                closedAt,
                closureReason,
                closureNote,
                patientAgreed,
                closedBy,
                ltcCount,
                processInstanceId,
                activePatientId,
                by);
    }

    public Episode close(ClosureReason reason, String by) {
        return new Episode(
                id,
                patientId,
                practiceId,
                EpisodeStatus.CLOSED,
                openedAt,
                Instant.now(),
                reason,
                closureNote,
                patientAgreed,
                by,
                ltcCount,
                processInstanceId,
                null,
                closureRequestedBy);
    }
}
