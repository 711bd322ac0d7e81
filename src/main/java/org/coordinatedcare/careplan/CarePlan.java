package org.coordinatedcare.careplan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.MappedCollection;

/**
 * The personalised care and support plan. Each care-planning meeting writes a new version; earlier versions stay as
 * they were agreed.
 */
public record CarePlan(
        @Id Long id,
        Long episodeId,
        int version,
        Long assessmentId,
        Instant createdAt,
        String createdBy,
        String whatMattersToMe,
        String goals,
        LocalDate reviewDate,
        boolean consentToShare,

        @MappedCollection(idColumn = "care_plan_id", keyColumn = "position")
        List<CarePlanAction> actions,

        @MappedCollection(idColumn = "care_plan_id") Set<CarePlanShare> shares) {

    public CarePlan sharedNow() {
        Instant now = Instant.now();
        Set<CarePlanShare> shared = shares.stream()
                .map(s -> s.sharedAt() == null ? new CarePlanShare(s.recipient(), now) : s)
                .collect(Collectors.toSet());
        return new CarePlan(
                id,
                episodeId,
                version,
                assessmentId,
                createdAt,
                createdBy,
                whatMattersToMe,
                goals,
                reviewDate,
                consentToShare,
                actions,
                shared);
    }
}
