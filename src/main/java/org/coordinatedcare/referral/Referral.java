package org.coordinatedcare.referral;

import java.time.Instant;

import org.springframework.data.annotation.Id;

/** A referral for supported self-management, tracked from proposal to its outcome. */
public record Referral(
        @Id Long id,
        Long episodeId,
        ReferralType type,
        ReferralStatus status,
        String receivingTeam,
        Instant proposedAt,
        String proposedBy,
        Instant sentAt,
        Instant respondedAt,
        Instant concludedAt,
        String note,
        String responseNote,
        String outcomeNote) {

    public static Referral propose(
            Long episodeId, ReferralType type, String practiceCode, String proposedBy, String note) {
        return new Referral(
                null,
                episodeId,
                type,
                ReferralStatus.PROPOSED,
                type.receivingRole().groupAt(practiceCode),
                Instant.now(),
                proposedBy,
                null,
                null,
                null,
                note,
                null,
                null);
    }

    public Referral sent() {
        return new Referral(
                id,
                episodeId,
                type,
                ReferralStatus.SENT,
                receivingTeam,
                proposedAt,
                proposedBy,
                Instant.now(),
                null,
                null,
                note,
                null,
                null);
    }

    public Referral responded(boolean accepted, String responseNote) {
        Instant now = Instant.now();
        return new Referral(
                id,
                episodeId,
                type,
                accepted ? ReferralStatus.ACCEPTED : ReferralStatus.DECLINED,
                receivingTeam,
                proposedAt,
                proposedBy,
                sentAt,
                now,
                accepted ? null : now,
                note,
                responseNote,
                null);
    }

    public Referral concluded(boolean completed, String outcomeNote) {
        return new Referral(
                id,
                episodeId,
                type,
                completed ? ReferralStatus.COMPLETED : ReferralStatus.NOT_COMPLETED,
                receivingTeam,
                proposedAt,
                proposedBy,
                sentAt,
                respondedAt,
                Instant.now(),
                note,
                responseNote,
                outcomeNote);
    }

    public Referral withdrawn() {
        return new Referral(
                id,
                episodeId,
                type,
                ReferralStatus.WITHDRAWN,
                receivingTeam,
                proposedAt,
                proposedBy,
                sentAt,
                respondedAt,
                Instant.now(),
                note,
                responseNote,
                outcomeNote);
    }
}
