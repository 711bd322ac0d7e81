package org.coordinatedcare.invitation;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

public interface InvitationRepository extends ListCrudRepository<Invitation, Long> {

    Optional<Invitation> findFirstByEpisodeIdOrderByIdDesc(Long episodeId);

    List<Invitation> findByEpisodeIdOrderById(Long episodeId);
}
