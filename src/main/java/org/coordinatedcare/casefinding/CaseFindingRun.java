package org.coordinatedcare.casefinding;

import java.time.Instant;

import org.springframework.data.annotation.Id;

/**
 * One run of case finding, for one practice or (practiceId null) every practice: requested on demand or by the monthly
 * schedule, then the candidates are found, then each practice's clinicians review their list. A found run records
 * the versions of the eligibility table and of the LTC code list it used.
 */
public record CaseFindingRun(
        @Id Long id,
        Long practiceId,
        String triggerKind,
        CaseFindingStatus status,
        Instant requestedAt,
        String requestedBy,
        Instant foundAt,
        Instant completedAt,
        String decisionVersion,
        String processInstanceId,
        String codeListVersion) {

    static CaseFindingRun requested(Long practiceId, String triggerKind, String by) {
        return new CaseFindingRun(
                null,
                practiceId,
                triggerKind,
                CaseFindingStatus.REQUESTED,
                Instant.now(),
                by,
                null,
                null,
                null,
                null,
                null);
    }

    CaseFindingRun startedAs(String processInstanceId) {
        return new CaseFindingRun(
                id,
                practiceId,
                triggerKind,
                status,
                requestedAt,
                requestedBy,
                foundAt,
                completedAt,
                decisionVersion,
                processInstanceId,
                codeListVersion);
    }

    /** Found with this version of the eligibility table and of the LTC code list. */
    CaseFindingRun found(String decisionVersion, String codeListVersion) {
        return new CaseFindingRun(
                id,
                practiceId,
                triggerKind,
                CaseFindingStatus.IN_REVIEW,
                requestedAt,
                requestedBy,
                Instant.now(),
                completedAt,
                decisionVersion,
                processInstanceId,
                codeListVersion);
    }

    CaseFindingRun completed() {
        return new CaseFindingRun(
                id,
                practiceId,
                triggerKind,
                CaseFindingStatus.COMPLETED,
                requestedAt,
                requestedBy,
                foundAt,
                Instant.now(),
                decisionVersion,
                processInstanceId,
                codeListVersion);
    }
}
