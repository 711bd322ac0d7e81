package org.coordinatedcare.careplan;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.coordinatedcare.episode.EpisodeBinding;
import org.coordinatedcare.form.ContextText;
import org.coordinatedcare.form.FormContext;
import org.springframework.stereotype.Component;

/** The care-planning meeting shows the holistic assessment it plans from, instead of asking for it again. */
@Component
public class CarePlanningMeetingContext implements FormContext {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);

    private final EpisodeBinding binding;
    private final HolisticAssessmentRepository assessments;

    public CarePlanningMeetingContext(EpisodeBinding binding, HolisticAssessmentRepository assessments) {
        this.binding = binding;
        this.assessments = assessments;
    }

    @Override
    public String formId() {
        return "care-planning-meeting";
    }

    @Override
    public Optional<String> describe(DelegateTask task) {
        return assessments
                .findFirstByEpisodeIdOrderByIdDesc(binding.episodeId(task))
                .map(CarePlanningMeetingContext::describe);
    }

    static String describe(HolisticAssessment assessment) {
        return new ContextText()
                .markdown("**From the holistic assessment** (")
                .typed(assessment.assessedBy())
                .markdown(", " + DAY.format(assessment.assessedAt().atZone(ZoneId.systemDefault())) + ")")
                .markdown("\n\n**Physical needs:** ")
                .typed(assessment.physicalNeeds())
                .markdown("\n\n**Emotional needs:** ")
                .typed(assessment.emotionalNeeds())
                .markdown("\n\n**Social needs:** ")
                .typed(assessment.socialNeeds())
                .markdown("\n\n- Social needs to address: " + yesNo(assessment.hasSocialNeeds())
                        + "\n- Low mood: " + yesNo(assessment.lowMood())
                        + "\n- Confidence to self-manage: ")
                .typed(assessment.selfManagementConfidence())
                .markdown("\n- Wants support with lifestyle: " + yesNo(assessment.wantsLifestyleSupport())
                        + "\n- Eligible for a personal health budget: " + yesNo(assessment.healthBudgetEligible()))
                .build();
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
