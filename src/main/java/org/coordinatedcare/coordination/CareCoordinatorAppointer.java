package org.coordinatedcare.coordination;

import java.util.EnumSet;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.coordinatedcare.audit.AuditAction;
import org.coordinatedcare.audit.AuditTrail;
import org.coordinatedcare.episode.EpisodeBinding;
import org.coordinatedcare.form.CurrentUser;
import org.coordinatedcare.form.FormInput;
import org.coordinatedcare.form.FormInputException;
import org.coordinatedcare.form.PathwayVariables;
import org.coordinatedcare.team.PracticeTeam;
import org.coordinatedcare.team.Professional;
import org.coordinatedcare.team.ProfessionalRole;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Records the care coordinator appointed after a trigger event, with the trigger that made it necessary. */
@Component("careCoordinatorAppointer")
public class CareCoordinatorAppointer implements TaskListener {

    private final EpisodeBinding binding;
    private final PracticeTeam team;
    private final CoordinatorAssignmentRepository assignments;
    private final CurrentUser currentUser;
    private final AuditTrail audit;
    private final CaseloadOwners owners;

    public CareCoordinatorAppointer(
            PracticeTeam team,
            CoordinatorAssignmentRepository assignments,
            CurrentUser currentUser,
            AuditTrail audit,
            EpisodeBinding binding,
            CaseloadOwners owners) {
        this.binding = binding;
        this.owners = owners;
        this.team = team;
        this.assignments = assignments;
        this.currentUser = currentUser;
        this.audit = audit;
    }

    @Override
    @Transactional
    public void notify(DelegateTask task) {
        FormInput input = FormInput.of(task);
        EpisodeBinding.Bound pathway = binding.bind(task);
        long episodeId = pathway.episodeId();
        String loginId = input.requiredText(PathwayVariables.CARE_COORDINATOR, "the care coordinator", 64);
        Professional chosen = team.member(
                pathway.practiceCode(),
                loginId,
                EnumSet.allOf(ProfessionalRole.class),
                PathwayVariables.CARE_COORDINATOR,
                "a member of the practice team");
        if (assignments.findByEpisodeIdAndEndedAtIsNull(episodeId).isPresent()) {
            throw new FormInputException(
                    PathwayVariables.CARE_COORDINATOR,
                    "A care coordinator is already in post; use a transfer to change them.");
        }
        Object trigger = task.getVariable("coordinatorTrigger");
        String by = currentUser.of(task);
        assignments.save(CoordinatorAssignment.appoint(
                episodeId,
                chosen.id(),
                trigger == null ? null : trigger.toString(),
                by,
                input.optionalText("appointmentNote", "the note", 2000).orElse(null)));
        owners.handOver(task, chosen.loginId());
        audit.record(
                episodeId,
                by,
                AuditAction.CARE_COORDINATOR_APPOINTED,
                chosen.displayName() + " (" + loginId + "), trigger " + trigger);
        task.setVariable(PathwayVariables.HAS_COORDINATOR, true);
        input.forget("appointmentNote");
    }
}
