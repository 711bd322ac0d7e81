package org.coordinatedcare.careplan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.coordinatedcare.audit.AuditAction;
import org.coordinatedcare.audit.AuditTrail;
import org.coordinatedcare.episode.EpisodeBinding;
import org.coordinatedcare.form.CurrentUser;
import org.coordinatedcare.form.FormInput;
import org.coordinatedcare.form.FormInputException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records the care and support plan agreed at the care-planning meeting as the episode's next version, and leaves
 * only its id ({@code carePlanId}) on the process.
 */
@Component("carePlanRecorder")
public class CarePlanRecorder implements TaskListener {

    private final EpisodeBinding binding;

    static final int ACTION_ROWS = 3;
    private static final Set<String> RECIPIENTS =
            Arrays.stream(ShareRecipient.values()).map(Enum::name).collect(Collectors.toSet());

    private final CarePlanRepository plans;
    private final HolisticAssessmentRepository assessments;
    private final CurrentUser currentUser;
    private final AuditTrail audit;

    public CarePlanRecorder(
            CarePlanRepository plans,
            HolisticAssessmentRepository assessments,
            CurrentUser currentUser,
            AuditTrail audit,
            EpisodeBinding binding) {
        this.binding = binding;
        this.plans = plans;
        this.assessments = assessments;
        this.currentUser = currentUser;
        this.audit = audit;
    }

    @Override
    @Transactional
    public void notify(DelegateTask task) {
        FormInput input = FormInput.of(task);
        long episodeId = binding.episodeId(task);
        String whatMatters = input.requiredText("whatMattersToMe", "what matters to the person", 4000);
        String goals = input.requiredText("goals", "the person's goals", 4000);
        List<CarePlanAction> actions = actions(input);
        LocalDate reviewDate = input.requiredDate("reviewDate", "the review date");
        if (!reviewDate.isAfter(LocalDate.now())) {
            throw new FormInputException("reviewDate", "The review date must be in the future.");
        }
        boolean consent = input.flag("consentToShare", "Consent to share");
        List<String> recipients = input.choices("sharedWith", "who the plan is shared with", RECIPIENTS);
        if (!consent && recipients.stream().anyMatch(r -> !r.equals("PATIENT"))) {
            throw new FormInputException(
                    "consentToShare", "The plan can be shared beyond the person only with their consent to share.");
        }
        int version = plans.findFirstByEpisodeIdOrderByVersionDesc(episodeId)
                .map(p -> p.version() + 1)
                .orElse(1);
        Long assessmentId = assessments
                .findFirstByEpisodeIdOrderByIdDesc(episodeId)
                .map(HolisticAssessment::id)
                .orElse(null);
        String by = currentUser.of(task);
        CarePlan plan = plans.save(new CarePlan(
                null,
                episodeId,
                version,
                assessmentId,
                Instant.now(),
                by,
                whatMatters,
                goals,
                reviewDate,
                consent,
                actions,
                recipients.stream()
                        .map(r -> new CarePlanShare(ShareRecipient.valueOf(r), null))
                        .collect(Collectors.toSet())));

        audit.record(episodeId, by, AuditAction.CARE_PLAN_AGREED, "version " + version);
        task.setVariable("carePlanId", plan.id());
        List<String> keys =
                new ArrayList<>(List.of("whatMattersToMe", "goals", "reviewDate", "consentToShare", "sharedWith"));
        for (int row = 1; row <= ACTION_ROWS; row++) {
            keys.addAll(List.of("action" + row, "actionOwner" + row, "actionDue" + row));
        }
        input.forget(keys.toArray(String[]::new));
    }

    /** Rows with any part filled in must be complete; at least the first action is required. */
    private static List<CarePlanAction> actions(FormInput input) {
        List<CarePlanAction> actions = new ArrayList<>();
        for (int row = 1; row <= ACTION_ROWS; row++) {
            var description = input.optionalText("action" + row, "action " + row, 1000);
            var owner = input.optionalText("actionOwner" + row, "who does action " + row, 200);
            var due = input.optionalDate("actionDue" + row, "when action " + row + " is due");
            if (description.isEmpty() && owner.isEmpty() && due.isEmpty() && row > 1) {
                continue;
            }
            actions.add(new CarePlanAction(
                    description.orElseThrow(() ->
                            new FormInputException("action" + (actions.size() + 1), "Please describe the action.")),
                    owner.orElseThrow(() -> new FormInputException(
                            "actionOwner" + (actions.size() + 1), "Please say who does the action.")),
                    due.orElseThrow(() -> new FormInputException(
                            "actionDue" + (actions.size() + 1), "Please say when the action is due."))));
        }
        return actions;
    }
}
