package org.coordinatedcare.referral;

import java.util.List;

import org.springframework.data.repository.ListCrudRepository;

public interface ReferralRepository extends ListCrudRepository<Referral, Long> {

    List<Referral> findByEpisodeIdOrderById(Long episodeId);

    List<Referral> findByEpisodeIdAndStatusOrderById(Long episodeId, ReferralStatus status);
}
