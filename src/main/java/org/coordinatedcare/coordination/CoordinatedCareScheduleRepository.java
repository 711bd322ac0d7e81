package org.coordinatedcare.coordination;

import java.util.List;

import org.springframework.data.repository.ListCrudRepository;

public interface CoordinatedCareScheduleRepository extends ListCrudRepository<CoordinatedCareSchedule, Long> {

    List<CoordinatedCareSchedule> findByEpisodeId(Long episodeId);
}
