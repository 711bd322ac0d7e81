package org.coordinatedcare.mdt;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.coordinatedcare.episode.EpisodeBinding;
import org.coordinatedcare.form.PathwayVariables;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Keeps the trigger that {@code coordinator-trigger.dmn} found (or none) with the review that raised it. */
@Component("coordinatorTriggerRecorder")
public class CoordinatorTriggerRecorder implements JavaDelegate {

    private final EpisodeBinding binding;
    private final MdtReviewRepository reviews;

    public CoordinatorTriggerRecorder(MdtReviewRepository reviews, EpisodeBinding binding) {
        this.binding = binding;
        this.reviews = reviews;
    }

    @Override
    @Transactional
    public void execute(DelegateExecution execution) {
        Object trigger = execution.getVariable("coordinatorTrigger");
        MdtReview review = reviews.findById(PathwayVariables.requiredNumber(execution, "mdtReviewId"))
                .orElseThrow();
        binding.checkOwned(execution, "mdtReviewId", review.episodeId());
        reviews.save(review.withCoordinatorTrigger(trigger == null ? null : trigger.toString()));
    }
}
