package org.coordinatedcare.careplan;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

public interface CarePlanRepository extends ListCrudRepository<CarePlan, Long> {

    Optional<CarePlan> findFirstByEpisodeIdOrderByVersionDesc(Long episodeId);

    List<CarePlan> findByEpisodeIdOrderByVersion(Long episodeId);
}
