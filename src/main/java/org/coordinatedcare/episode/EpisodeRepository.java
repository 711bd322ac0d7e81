package org.coordinatedcare.episode;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

public interface EpisodeRepository extends ListCrudRepository<Episode, Long> {

    Optional<Episode> findByActivePatientId(Long patientId);

    /**
     * Every step of a pathway binds to its episode by this (EpisodeBinding), several times a step. Written out: a
     * derived query renders its SQL afresh on each call, which was a tenth of a pathway's time in the driving thread
     * (ADR 0031).
     */
    @Query("select * from episode where process_instance_id = :processInstanceId")
    Optional<Episode> findByProcessInstanceId(String processInstanceId);

    List<Episode> findByPatientIdOrderByOpenedAt(Long patientId);
}
