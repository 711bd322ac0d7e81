package org.coordinatedcare.coordination;

import java.util.List;

import org.springframework.data.repository.ListCrudRepository;

public interface FundingDecisionRepository extends ListCrudRepository<FundingDecision, Long> {

    List<FundingDecision> findByEpisodeId(Long episodeId);
}
