package org.coordinatedcare.referral;

import org.coordinatedcare.episode.EpisodeClosed;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Withdraws the referrals still open when their episode closes. A plain {@code @EventListener}, not an after-commit
 * one: the referrals are withdrawn in the closing transaction or not at all.
 */
@Component
class ReferralsWithdrawnWithEpisode {

    private final ReferralRegister register;

    ReferralsWithdrawnWithEpisode(ReferralRegister register) {
        this.register = register;
    }

    @EventListener
    void on(EpisodeClosed closed) {
        register.withdrawOpen(closed.episodeId());
    }
}
