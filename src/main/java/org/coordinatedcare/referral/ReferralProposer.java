package org.coordinatedcare.referral;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.coordinatedcare.episode.EpisodeBinding;
import org.coordinatedcare.form.CurrentUser;
import org.coordinatedcare.form.FormInput;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Records the referrals the named professional confirmed; each is then sent and tracked to its outcome. */
@Component("referralProposer")
public class ReferralProposer implements TaskListener {

    private final EpisodeBinding binding;

    private static final Set<String> TYPES =
            Arrays.stream(ReferralType.values()).map(Enum::name).collect(Collectors.toSet());

    private final ReferralRepository referrals;
    private final CurrentUser currentUser;

    public ReferralProposer(ReferralRepository referrals, CurrentUser currentUser, EpisodeBinding binding) {
        this.binding = binding;
        this.referrals = referrals;
        this.currentUser = currentUser;
    }

    @Override
    @Transactional
    public void notify(DelegateTask task) {
        FormInput input = FormInput.of(task);
        EpisodeBinding.Bound pathway = binding.bind(task);
        long episodeId = pathway.episodeId();
        String practiceCode = pathway.practiceCode();
        String note = input.optionalText("referralNote", "the note", 2000).orElse(null);
        String by = currentUser.of(task);
        for (String type : input.choices("referralTypes", "the referrals", TYPES)) {
            referrals.save(Referral.propose(episodeId, ReferralType.valueOf(type), practiceCode, by, note));
        }
        input.forget("referralNote", "referralTypes");
    }
}
