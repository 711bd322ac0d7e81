package org.coordinatedcare.referral;

import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.coordinatedcare.episode.EpisodeBinding;
import org.coordinatedcare.form.FormInput;
import org.coordinatedcare.form.PathwayVariables;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Records whether the receiving service accepted the referral. */
@Component("referralResponseRecorder")
public class ReferralResponseRecorder implements TaskListener {

    private final EpisodeBinding binding;
    private final ReferralRegister register;
    private final ReferralRepository referrals;

    public ReferralResponseRecorder(ReferralRegister register, ReferralRepository referrals, EpisodeBinding binding) {
        this.binding = binding;
        this.register = register;
        this.referrals = referrals;
    }

    @Override
    @Transactional
    public void notify(DelegateTask task) {
        FormInput input = FormInput.of(task);
        String response = input.requiredChoice("referralResponse", "the response", Set.of("accepted", "declined"));
        Referral referral = register.get(PathwayVariables.requiredNumber(task, "referralId"));
        binding.checkOwned(task, "referralId", referral.episodeId());
        referrals.save(referral.responded(
                response.equals("accepted"),
                input.optionalText("responseNote", "the note", 2000).orElse(null)));
        input.forget("responseNote");
    }
}
