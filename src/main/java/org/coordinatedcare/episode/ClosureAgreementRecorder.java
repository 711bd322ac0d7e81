package org.coordinatedcare.episode;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.coordinatedcare.form.CurrentUser;
import org.coordinatedcare.form.FormInput;
import org.coordinatedcare.form.FormInputException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records the named professional's answer to the MDT's proposal to close. Coordination ends only when everyone
 * concerned agrees, so agreeing without the patient's agreement recorded is refused.
 */
@Component("closureAgreementRecorder")
public class ClosureAgreementRecorder implements TaskListener {

    private final EpisodeBinding binding;
    private final EpisodeRepository episodes;
    private final CurrentUser currentUser;

    public ClosureAgreementRecorder(EpisodeRepository episodes, CurrentUser currentUser, EpisodeBinding binding) {
        this.currentUser = currentUser;
        this.binding = binding;
        this.episodes = episodes;
    }

    @Override
    @Transactional
    public void notify(DelegateTask task) {
        FormInput input = FormInput.of(task);
        boolean agreed = input.flag("closureAgreed", "Closure agreed");
        boolean patientAgreed = input.flag("patientAgreed", "Patient agreed");
        String note = input.requiredText("closureNote", "a note of the closure conversation", 4000);
        if (agreed && !patientAgreed) {
            throw new FormInputException(
                    "patientAgreed",
                    "Coordination can close only with the person's agreement: record that they agree, or do not agree to close.");
        }
        Episode episode = binding.episode(task).withClosureDiscussion(note, patientAgreed);
        // the closure runs later as a job: it names the clinician who agreed it with the person
        episodes.save(agreed ? episode.closureRequestedBy(currentUser.of(task)) : episode);
        input.keep("closureAgreed", agreed);
        input.forget("closureNote", "patientAgreed");
    }
}
