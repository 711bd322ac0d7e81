package org.coordinatedcare.mdt;

import java.time.LocalDate;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.coordinatedcare.episode.EpisodeBinding;
import org.coordinatedcare.form.CurrentUser;
import org.coordinatedcare.form.FormInput;
import org.coordinatedcare.form.FormInputException;
import org.coordinatedcare.form.PathwayVariables;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Records what the MDT found and decided; the need trend and agencies feed the care coordinator triggers. */
@Component("mdtReviewRecorder")
public class MdtReviewRecorder implements TaskListener {

    private final EpisodeBinding binding;
    private final MdtReviewRepository reviews;
    private final CurrentUser currentUser;

    public MdtReviewRecorder(MdtReviewRepository reviews, CurrentUser currentUser, EpisodeBinding binding) {
        this.binding = binding;
        this.reviews = reviews;
        this.currentUser = currentUser;
    }

    @Override
    @Transactional
    public void notify(DelegateTask task) {
        FormInput input = FormInput.of(task);
        LocalDate heldOn = input.requiredDate("meetingDate", "the date of the MDT meeting");
        if (heldOn.isAfter(LocalDate.now())) {
            throw new FormInputException("meetingDate", "The MDT meeting date cannot be in the future.");
        }
        String attendees = input.requiredText("attendees", "who attended", 1000);
        String needTrend = input.requiredChoice(
                "needTrend", "how the person's needs are changing", Set.of("improving", "stable", "rising"));
        int agencies = input.requiredNumber("agenciesInvolved", "the number of agencies involved", 1, 50);
        boolean longIntervention = input.flag("longInterventionExpected", "Long intervention expected");
        String outcome = input.requiredChoice(
                "mdtOutcome", "the MDT outcome", Set.of("continue", "updatePlan", "proposeClosure"));
        String notes = input.optionalText("mdtNotes", "the notes", 4000).orElse(null);

        long reviewId = PathwayVariables.requiredNumber(task, "mdtReviewId");
        MdtReview review = reviews.findById(reviewId).orElseThrow();
        binding.checkOwned(task, "mdtReviewId", review.episodeId());
        reviews.save(review.held(
                heldOn, attendees, needTrend, agencies, longIntervention, outcome, notes, currentUser.of(task)));
        input.keep("agenciesInvolved", agencies);
        input.keep("longInterventionExpected", longIntervention);
        input.forget("meetingDate", "attendees", "mdtNotes");
    }
}
