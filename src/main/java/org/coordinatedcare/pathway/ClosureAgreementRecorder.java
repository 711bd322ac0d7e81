package org.coordinatedcare.pathway;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.coordinatedcare.system.FormInput;
import org.coordinatedcare.system.FormInputException;
import org.coordinatedcare.system.PathwayVariables;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records the named professional's answer to the MDT's proposal to close. Coordination ends only when everyone
 * concerned agrees, so agreeing without the patient's agreement recorded is refused.
 */
@Component("closureAgreementRecorder")
public class ClosureAgreementRecorder implements TaskListener {

    private final EpisodeRepository episodes;

    public ClosureAgreementRecorder(EpisodeRepository episodes) {
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
            throw new FormInputException("patientAgreed",
                    "Coordination can close only with the person's agreement: record that they agree, or do not agree to close.");
        }
        Episode episode = episodes.findById(PathwayVariables.episodeId(task)).orElseThrow();
        episodes.save(episode.withClosureDiscussion(note, patientAgreed));
        input.keep("closureAgreed", agreed);
        input.forget("closureNote", "patientAgreed");
    }
}
