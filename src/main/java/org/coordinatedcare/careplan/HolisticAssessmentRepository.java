package org.coordinatedcare.careplan;

import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

public interface HolisticAssessmentRepository extends ListCrudRepository<HolisticAssessment, Long> {

    Optional<HolisticAssessment> findFirstByEpisodeIdOrderByIdDesc(Long episodeId);
}
