package org.coordinatedcare.coordination;

import java.time.Instant;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.coordinatedcare.episode.EpisodeBinding;
import org.coordinatedcare.form.CurrentUser;
import org.coordinatedcare.form.FormInput;
import org.coordinatedcare.form.FormInputException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** "The decision making around activity and services to be funded is undertaken by the lead practitioner." */
@Component("fundingDecisionRecorder")
public class FundingDecisionRecorder implements TaskListener {

    private final EpisodeBinding binding;
    private final FundingDecisionRepository decisions;
    private final CurrentUser currentUser;

    public FundingDecisionRecorder(
            FundingDecisionRepository decisions, CurrentUser currentUser, EpisodeBinding binding) {
        this.binding = binding;
        this.decisions = decisions;
        this.currentUser = currentUser;
    }

    @Override
    @Transactional
    public void notify(DelegateTask task) {
        FormInput input = FormInput.of(task);
        String decision = input.requiredChoice(
                "fundingDecision", "the funding decision", Set.of("approved", "not-needed", "declined"));
        String services = input.optionalText("fundedServices", "the funded services", 4000)
                .orElse(null);
        if (decision.equals("approved") && services == null) {
            throw new FormInputException("fundedServices", "Please list the activities and services that are funded.");
        }
        decisions.save(new FundingDecision(
                null,
                binding.episodeId(task),
                decision,
                services,
                input.optionalText("fundingNote", "the note", 2000).orElse(null),
                currentUser.of(task),
                Instant.now()));
        input.forget("fundedServices", "fundingNote");
    }
}
