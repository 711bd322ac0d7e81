package org.coordinatedcare.coordination;

import java.time.Instant;

import org.springframework.data.annotation.Id;

/** The lead practitioner's decision on which activities and services are funded. */
public record FundingDecision(
        @Id Long id,
        Long episodeId,
        String decision,
        String fundedServices,
        String note,
        String decidedBy,
        Instant decidedAt) {}
