package org.coordinatedcare.referral;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The referrals of an episode as the diagram needs them: the multi-instance "Track referral" sub-process runs once per
 * proposed referral ({@code ${referralRegister.proposedReferralIds(episodeId)}}).
 */
@Component("referralRegister")
public class ReferralRegister {

    private final ReferralRepository referrals;

    public ReferralRegister(ReferralRepository referrals) {
        this.referrals = referrals;
    }

    public List<Long> proposedReferralIds(long episodeId) {
        return referrals.findByEpisodeIdAndStatusOrderById(episodeId, ReferralStatus.PROPOSED).stream()
                .map(Referral::id)
                .toList();
    }

    public Referral get(long referralId) {
        return referrals
                .findById(referralId)
                .orElseThrow(() -> new ProcessEngineException("No referral with id " + referralId));
    }

    /** Referrals still open when the pathway ends are withdrawn, so none is left looking active. */
    @Transactional
    public void withdrawOpen(long episodeId) {
        referrals.findByEpisodeIdOrderById(episodeId).stream()
                .filter(r -> r.status().isOpen())
                .forEach(r -> referrals.save(r.withdrawn()));
    }
}
