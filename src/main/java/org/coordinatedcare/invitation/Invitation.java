package org.coordinatedcare.invitation;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;

/** One invitation to a care-planning meeting, with its reminders, the patient's response and, without one, what the named professional decided. */
public record Invitation(
        @Id Long id,
        Long episodeId,
        Instant sentAt,
        int remindersSent,
        String response,
        Instant respondedAt,
        String recordedBy,
        LocalDate meetingDate,
        String responseNote,
        String nextStep,
        String decisionNote,
        String decidedBy) {

    public static Invitation sent(Long episodeId) {
        return new Invitation(null, episodeId, Instant.now(), 0, null, null, null, null, null, null, null, null);
    }

    public Invitation reminded() {
        return new Invitation(
                id,
                episodeId,
                sentAt,
                remindersSent + 1,
                response,
                respondedAt,
                recordedBy,
                meetingDate,
                responseNote,
                nextStep,
                decisionNote,
                decidedBy);
    }

    public Invitation answered(String response, LocalDate meetingDate, String note, String by) {
        return new Invitation(
                id,
                episodeId,
                sentAt,
                remindersSent,
                response,
                Instant.now(),
                by,
                meetingDate,
                note,
                nextStep,
                decisionNote,
                decidedBy);
    }

    public Invitation decided(String nextStep, String note, String by) {
        return new Invitation(
                id,
                episodeId,
                sentAt,
                remindersSent,
                response,
                respondedAt,
                recordedBy,
                meetingDate,
                responseNote,
                nextStep,
                note,
                by);
    }
}
