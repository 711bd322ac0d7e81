package org.coordinatedcare.careplan;

import java.time.Instant;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.coordinatedcare.episode.EpisodeBinding;
import org.coordinatedcare.form.CurrentUser;
import org.coordinatedcare.form.FormInput;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records the holistic assessment. The narrative stays in our tables; only the flags the referral rules read stay on
 * the process (set as booleans even when a checkbox was left unticked, so the decision table always has its inputs).
 */
@Component("holisticAssessmentRecorder")
public class HolisticAssessmentRecorder implements TaskListener {

    private final EpisodeBinding binding;
    private final HolisticAssessmentRepository assessments;
    private final CurrentUser currentUser;

    public HolisticAssessmentRecorder(
            HolisticAssessmentRepository assessments, CurrentUser currentUser, EpisodeBinding binding) {
        this.binding = binding;
        this.assessments = assessments;
        this.currentUser = currentUser;
    }

    @Override
    @Transactional
    public void notify(DelegateTask task) {
        FormInput input = FormInput.of(task);
        HolisticAssessment assessment = new HolisticAssessment(
                null,
                binding.episodeId(task),
                currentUser.of(task),
                Instant.now(),
                input.requiredText("physicalNeeds", "the person's physical needs", 4000),
                input.requiredText("emotionalNeeds", "the person's emotional needs", 4000),
                input.requiredText("socialNeeds", "the person's social needs", 4000),
                input.flag("hasSocialNeeds", "Social needs"),
                input.flag("lowMood", "Low mood or anxiety"),
                input.requiredChoice(
                        "selfManagementConfidence",
                        "the person's confidence to manage their health",
                        Set.of("low", "medium", "high")),
                input.flag("wantsLifestyleSupport", "Wants lifestyle support"),
                input.flag("healthBudgetEligible", "Eligible for a personal health budget"));
        assessments.save(assessment);
        input.keep("hasSocialNeeds", assessment.hasSocialNeeds());
        input.keep("lowMood", assessment.lowMood());
        input.keep("wantsLifestyleSupport", assessment.wantsLifestyleSupport());
        input.keep("healthBudgetEligible", assessment.healthBudgetEligible());
        input.forget("physicalNeeds", "emotionalNeeds", "socialNeeds");
    }
}
