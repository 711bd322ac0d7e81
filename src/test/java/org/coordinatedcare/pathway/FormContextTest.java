package org.coordinatedcare.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Map;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.camunda.bpm.engine.task.Task;
import org.coordinatedcare.Diagram.CarePlanning;
import org.coordinatedcare.Diagram.CoordinatedCare;
import org.coordinatedcare.Diagram.MdtReview;
import org.coordinatedcare.FormAnswers;
import org.coordinatedcare.careplan.CarePlanRepository;
import org.coordinatedcare.episode.EpisodeRepository;
import org.coordinatedcare.form.ContextText;
import org.coordinatedcare.form.FormContext;
import org.coordinatedcare.form.FormInputException;
import org.coordinatedcare.patient.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Forms show what their task needs from earlier steps, read-only: the server derives it from our tables when the task
 * is created, user text made literal, and never takes a value for it back.
 */
class FormContextTest extends PathwayTestSupport {

    /** Markdown and HTML a clinician might type, which the form must show as typed, not render. */
    private static final String TYPED = "Breathless **on stairs** <img src=x onerror=alert(1)> [see](http://x.test)\n"
            + "    # not a heading\n1. not a list";

    @Autowired
    EpisodeRepository episodes;

    @Autowired
    CarePlanRepository plans;

    private String context(Patient patient, String taskDefinitionKey) {
        Task task = task(patient, taskDefinitionKey);
        assertThat(tasks.getVariablesLocal(task.getId())).containsKey(FormContext.VARIABLE);
        return (String) tasks.getVariableLocal(task.getId(), FormContext.VARIABLE);
    }

    /** The field a {@link FormInputException} names, wherever the engine wrapped it. */
    static String refusedField(ThrowingCallable completion) {
        Throwable thrown = catchThrowable(completion);
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof FormInputException refused) {
                return refused.getField();
            }
        }
        throw new AssertionError("expected a FormInputException, got " + thrown, thrown);
    }

    @Test
    void theCarePlanningMeetingShowsTheAssessmentsAnswersAsTyped() {
        Patient patient = fixture.patientWithConditions(3);
        identify(patient);
        assignNamedProfessional(patient, "tgp");
        acceptInvitation(patient);
        complete(
                patient,
                CarePlanning.HOLISTIC_ASSESSMENT,
                FormAnswers.with(FormAnswers.HOLISTIC_ASSESSMENT, "physicalNeeds", TYPED, "lowMood", true));

        String shown = context(patient, CarePlanning.HOLD_CARE_PLANNING_MEETING);
        assertThat(shown)
                .contains("**Physical needs:** Breathless \\*\\*on stairs\\*\\* \\<img src\\=x")
                .contains("\\[see\\]\\(http\\:\\/\\/x\\.test\\)")
                .contains("\n\\# not a heading\n1\\. not a list")
                .contains("**Emotional needs:** Coping well", "**Social needs:** Supportive family nearby")
                .contains("- Low mood: yes", "- Confidence to self-manage: high")
                .doesNotContain("**on", "](", "    #")
                .doesNotContainPattern("(?<!\\\\)<");
        // clinical text: it is not in the engine's history, and it goes with the task
        assertThat(history.createHistoricVariableInstanceQuery()
                        .variableName(FormContext.VARIABLE)
                        .count())
                .isZero();
        holdCarePlanningMeeting(patient);
        assertThat(runtime.createVariableInstanceQuery()
                        .variableName(FormContext.VARIABLE)
                        .count())
                .isZero();
    }

    @Test
    void answersTooLongToShowWholeAreShortenedVisiblyToOneVariablesWorth() {
        Patient patient = fixture.patientWithConditions(3);
        identify(patient);
        assignNamedProfessional(patient, "tgp");
        acceptInvitation(patient);
        complete(
                patient,
                CarePlanning.HOLISTIC_ASSESSMENT,
                FormAnswers.with(
                        FormAnswers.HOLISTIC_ASSESSMENT,
                        "physicalNeeds",
                        "a.".repeat(2000),
                        "emotionalNeeds",
                        "Coping well",
                        "socialNeeds",
                        "b".repeat(4000)));

        String shown = context(patient, CarePlanning.HOLD_CARE_PLANNING_MEETING);
        assertThat(shown.length()).isLessThanOrEqualTo(ContextText.MAX_LENGTH);
        assertThat(shown)
                .contains("**Emotional needs:** Coping well")
                .contains("**Physical needs:** a\\.a\\.")
                .contains("**Social needs:** bbb")
                .contains("b … _(shortened: the full text is in the record)_");
        // the two long answers are shortened, the short one is whole
        assertThat(shown.split("shortened: the full text is in the record", -1)).hasSize(3);
    }

    @Test
    void theMdtReviewShowsTheCurrentPlanAndWhatChangedSinceTheLastReview() {
        Patient patient = fixture.patientWithConditions(3);
        pathwayAwaitingMdtReview(patient, List.of());
        fireTimer(CoordinatedCare.TIMER_MDT_REVIEW_DUE);

        String first = context(patient, MdtReview.HOLD_MDT_REVIEW);
        assertThat(first)
                .contains("**Current care and support plan** (version 1")
                .contains("**What matters to the person:** Walking to church on Sundays")
                .contains("**Goals:** Walk 20 minutes a day")
                .contains("- Book pulmonary rehabilitation: Practice nurse, by ")
                .contains("this is the first MDT review");

        holdMdtReview(patient, "stable", 1, false, "updatePlan");
        assessNeeds(patient, false, false, "high");
        complete(
                patient,
                CarePlanning.HOLD_CARE_PLANNING_MEETING,
                FormAnswers.with(FormAnswers.CARE_PLANNING_MEETING, "goals", "Walk to the shops and back"));
        complete(patient, CoordinatedCare.CONFIRM_REFERRALS, "referralTypes", List.of("SOCIAL_PRESCRIBING"));
        fireTimer(CoordinatedCare.TIMER_MDT_REVIEW_DUE);

        String second = context(patient, MdtReview.HOLD_MDT_REVIEW);
        assertThat(second)
                .contains("**Current care and support plan** (version 2")
                .contains("**Goals:** Walk to the shops and back")
                .contains("**Since the last MDT review** (held ")
                .contains(": the plan to be updated)")
                .contains("- Plan version 2 agreed ")
                .contains(": goals changed")
                .contains("- Referral social prescribing: sent")
                .doesNotContain("first MDT review");
    }

    @Test
    void theSchedulingTaskShowsTheFundingDecision() {
        Patient patient = fixture.patientWithConditions(3);
        pathwayAwaitingMdtReview(patient, List.of());
        fireTimer(CoordinatedCare.TIMER_MDT_REVIEW_DUE);
        holdMdtReview(patient, "rising", 1, false, "continue");
        complete(patient, CoordinatedCare.APPOINT_CARE_COORDINATOR, "careCoordinator", "tcoord1");
        complete(
                patient,
                CoordinatedCare.DECIDE_FUNDING,
                "fundingDecision",
                "approved",
                "fundedServices",
                "Carer respite, 4 hours a week",
                "fundingNote",
                "Review after 12 weeks");

        assertThat(context(patient, CoordinatedCare.SCHEDULE_COORDINATED_CARE))
                .contains("**The lead practitioner's funding decision** (tgp, ")
                .contains("funding approved")
                .contains("**Funded services:** Carer respite\\, 4 hours a week")
                .contains("**Note:** Review after 12 weeks");
    }

    @Test
    void aForgedContextOnCompletionIsRefusedAndNothingIsWritten() {
        Patient patient = fixture.patientWithConditions(3);
        identify(patient);
        assignNamedProfessional(patient, "tgp");
        acceptInvitation(patient);
        assessNeeds(patient, false, false, "high");
        Task meeting = task(patient, CarePlanning.HOLD_CARE_PLANNING_MEETING);
        String shown = (String) tasks.getVariableLocal(meeting.getId(), FormContext.VARIABLE);
        Map<String, Object> forged = FormAnswers.with(
                FormAnswers.CARE_PLANNING_MEETING, FormContext.VARIABLE, "**Physical needs:** none at all");

        assertThat(refusedField(() -> forms.submitTaskForm(meeting.getId(), forged)))
                .isEqualTo(FormContext.VARIABLE);
        assertThat(refusedField(() -> tasks.complete(meeting.getId(), forged))).isEqualTo(FormContext.VARIABLE);

        long episodeId =
                episodes.findByActivePatientId(patient.id()).orElseThrow().id();
        assertThat(plans.findByEpisodeIdOrderByVersion(episodeId)).isEmpty();
        assertThat(tasks.getVariableLocal(meeting.getId(), FormContext.VARIABLE))
                .isEqualTo(shown);
        assertThat(runtime.getVariable(meeting.getProcessInstanceId(), FormContext.VARIABLE))
                .isNull();
        assertThat(history.createHistoricVariableInstanceQuery()
                        .variableName(FormContext.VARIABLE)
                        .count())
                .isZero();
    }
}
