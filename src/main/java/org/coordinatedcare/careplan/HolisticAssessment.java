package org.coordinatedcare.careplan;

import java.time.Instant;

import org.springframework.data.annotation.Id;

/**
 * The holistic assessment of a person's physical, emotional and social needs that comes before care planning. The
 * flags feed {@code self-management-referral.dmn}.
 */
public record HolisticAssessment(
        @Id Long id,
        Long episodeId,
        String assessedBy,
        Instant assessedAt,
        String physicalNeeds,
        String emotionalNeeds,
        String socialNeeds,
        boolean hasSocialNeeds,
        boolean lowMood,
        String selfManagementConfidence,
        boolean wantsLifestyleSupport,
        boolean healthBudgetEligible) {}
