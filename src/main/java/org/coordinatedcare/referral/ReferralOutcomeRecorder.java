package org.coordinatedcare.referral;

import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.coordinatedcare.episode.EpisodeBinding;
import org.coordinatedcare.form.FormInput;
import org.coordinatedcare.form.PathwayVariables;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Records how an accepted referral ended: the support was completed, or it was not. */
@Component("referralOutcomeRecorder")
public class ReferralOutcomeRecorder implements TaskListener {

    private final EpisodeBinding binding;
    private final ReferralRegister register;
    private final ReferralRepository referrals;

    public ReferralOutcomeRecorder(ReferralRegister register, ReferralRepository referrals, EpisodeBinding binding) {
        this.binding = binding;
        this.register = register;
        this.referrals = referrals;
    }

    @Override
    @Transactional
    public void notify(DelegateTask task) {
        FormInput input = FormInput.of(task);
        String outcome = input.requiredChoice("referralOutcome", "the outcome", Set.of("completed", "not-completed"));
        Referral referral = register.get(PathwayVariables.requiredNumber(task, "referralId"));
        binding.checkOwned(task, "referralId", referral.episodeId());
        referrals.save(referral.concluded(
                outcome.equals("completed"),
                input.optionalText("outcomeNote", "the note", 2000).orElse(null)));
        input.forget("outcomeNote");
    }
}
