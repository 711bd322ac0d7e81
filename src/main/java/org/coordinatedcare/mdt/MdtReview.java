package org.coordinatedcare.mdt;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Column;

/**
 * A multidisciplinary review of one person: the facts gathered beforehand (hospital use), what the team found and
 * decided, and the care coordinator trigger, if any, that the review raised.
 */
public record MdtReview(
        @Id Long id,
        Long episodeId,
        String status,
        Instant preparedAt,
        @Column("unplanned_admissions_12m") int unplannedAdmissions12m,
        boolean dischargedRecently,
        LocalDate heldOn,
        String attendees,
        String needTrend,
        Integer agenciesInvolved,
        Boolean longInterventionExpected,
        String outcome,
        String notes,
        String coordinatorTrigger,
        String recordedBy) {

    public static MdtReview prepared(Long episodeId, int unplannedAdmissions12m, boolean dischargedRecently) {
        return new MdtReview(
                null,
                episodeId,
                "PREPARED",
                Instant.now(),
                unplannedAdmissions12m,
                dischargedRecently,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    public MdtReview held(
            LocalDate heldOn,
            String attendees,
            String needTrend,
            int agenciesInvolved,
            boolean longInterventionExpected,
            String outcome,
            String notes,
            String recordedBy) {
        return new MdtReview(
                id,
                episodeId,
                "HELD",
                preparedAt,
                unplannedAdmissions12m,
                dischargedRecently,
                heldOn,
                attendees,
                needTrend,
                agenciesInvolved,
                longInterventionExpected,
                outcome,
                notes,
                coordinatorTrigger,
                recordedBy);
    }

    public MdtReview withCoordinatorTrigger(String trigger) {
        return new MdtReview(
                id,
                episodeId,
                status,
                preparedAt,
                unplannedAdmissions12m,
                dischargedRecently,
                heldOn,
                attendees,
                needTrend,
                agenciesInvolved,
                longInterventionExpected,
                outcome,
                notes,
                trigger,
                recordedBy);
    }
}
