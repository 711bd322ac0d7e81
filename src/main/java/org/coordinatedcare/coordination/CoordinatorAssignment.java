package org.coordinatedcare.coordination;

import java.time.Instant;

import org.springframework.data.annotation.Id;

/**
 * A care coordinator's time in post for an episode: appointed on a trigger, ended by a transfer (with its reason and
 * the handover) or by the end of the episode.
 */
public record CoordinatorAssignment(
        @Id Long id,
        Long episodeId,
        Long professionalId,
        String appointmentTrigger,
        Instant startedAt,
        Instant endedAt,
        String assignedBy,
        String note,
        TransferReason transferReason,
        String handoverNotes) {

    public static CoordinatorAssignment appoint(
            Long episodeId, Long professionalId, String trigger, String assignedBy, String note) {
        return new CoordinatorAssignment(
                null, episodeId, professionalId, trigger, Instant.now(), null, assignedBy, note, null, null);
    }

    public CoordinatorAssignment transferred(TransferReason reason, String handoverNotes) {
        return new CoordinatorAssignment(
                id,
                episodeId,
                professionalId,
                appointmentTrigger,
                startedAt,
                Instant.now(),
                assignedBy,
                note,
                reason,
                handoverNotes);
    }

    public CoordinatorAssignment ended() {
        return new CoordinatorAssignment(
                id,
                episodeId,
                professionalId,
                appointmentTrigger,
                startedAt,
                Instant.now(),
                assignedBy,
                note,
                transferReason,
                handoverNotes);
    }
}
