package org.coordinatedcare.episode;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

public interface EpisodeRepository extends ListCrudRepository<Episode, Long> {

    Optional<Episode> findByActivePatientId(Long patientId);

    Optional<Episode> findByProcessInstanceId(String processInstanceId);

    List<Episode> findByPatientIdOrderByOpenedAt(Long patientId);
}
