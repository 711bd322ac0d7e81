package org.coordinatedcare.mdt;

import java.util.List;

import org.springframework.data.repository.ListCrudRepository;

public interface MdtReviewRepository extends ListCrudRepository<MdtReview, Long> {

    List<MdtReview> findByEpisodeIdOrderById(Long episodeId);
}
