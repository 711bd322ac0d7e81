package org.coordinatedcare.coordination;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

public interface CoordinatorAssignmentRepository extends ListCrudRepository<CoordinatorAssignment, Long> {

    /** Read as every task of a pathway is created (CaseloadOwners): written out, not derived (ADR 0031). */
    @Query("select * from coordinator_assignment where episode_id = :episodeId and ended_at is null")
    Optional<CoordinatorAssignment> findByEpisodeIdAndEndedAtIsNull(Long episodeId);

    List<CoordinatorAssignment> findByEpisodeIdOrderByStartedAt(Long episodeId);

    /** A coordinator's caseload: the episodes they coordinate now. */
    List<CoordinatorAssignment> findByProfessionalIdAndEndedAtIsNullOrderByStartedAt(Long professionalId);

    long countByProfessionalIdAndEndedAtIsNull(Long professionalId);
}
