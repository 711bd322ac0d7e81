package org.coordinatedcare.coordination;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

public interface CoordinatorAssignmentRepository extends ListCrudRepository<CoordinatorAssignment, Long> {

    Optional<CoordinatorAssignment> findByEpisodeIdAndEndedAtIsNull(Long episodeId);

    List<CoordinatorAssignment> findByEpisodeIdOrderByStartedAt(Long episodeId);

    /** A coordinator's caseload: the episodes they coordinate now. */
    List<CoordinatorAssignment> findByProfessionalIdAndEndedAtIsNullOrderByStartedAt(Long professionalId);

    long countByProfessionalIdAndEndedAtIsNull(Long professionalId);
}
