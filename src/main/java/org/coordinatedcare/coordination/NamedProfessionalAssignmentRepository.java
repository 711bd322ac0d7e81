package org.coordinatedcare.coordination;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

public interface NamedProfessionalAssignmentRepository extends ListCrudRepository<NamedProfessionalAssignment, Long> {

    Optional<NamedProfessionalAssignment> findByEpisodeIdAndEndedAtIsNull(Long episodeId);

    List<NamedProfessionalAssignment> findByEpisodeIdOrderByStartedAt(Long episodeId);
}
