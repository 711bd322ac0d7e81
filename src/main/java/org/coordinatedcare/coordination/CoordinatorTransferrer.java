package org.coordinatedcare.coordination;

import java.util.EnumSet;

import org.camunda.bpm.engine.ProcessEngineException;
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

/**
 * Hands care coordination to someone else: ends the current coordinator's time in post with the transfer reason
 * (a task input parameter, one per transfer event sub-process) and the handover notes, and starts the new one.
 */
@Component("coordinatorTransferrer")
public class CoordinatorTransferrer implements TaskListener {

    private final EpisodeBinding binding;
    private final PracticeTeam team;
    private final CoordinatorAssignmentRepository assignments;
    private final CurrentUser currentUser;
    private final AuditTrail audit;
    private final CaseloadOwners owners;

    public CoordinatorTransferrer(
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
        TransferReason reason = TransferReason.valueOf(String.valueOf(task.getVariable("transferReason")));
        String loginId = input.requiredText("newCareCoordinator", "the new care coordinator", 64);
        Professional next = team.member(
                pathway.practiceCode(),
                loginId,
                EnumSet.allOf(ProfessionalRole.class),
                "newCareCoordinator",
                "a member of the practice team");
        String handover = input.requiredText("handoverNotes", "the handover notes", 4000);

        CoordinatorAssignment current = assignments
                .findByEpisodeIdAndEndedAtIsNull(episodeId)
                .orElseThrow(() -> new ProcessEngineException("No care coordinator is in post to transfer from"));
        if (current.professionalId().equals(next.id())) {
            throw new FormInputException(
                    "newCareCoordinator", "Choose someone other than the current care coordinator.");
        }
        assignments.save(current.transferred(reason, handover));
        String by = currentUser.of(task);
        assignments.save(CoordinatorAssignment.appoint(
                episodeId, next.id(), current.appointmentTrigger(), by, "Transferred: " + reason));
        owners.handOver(task, next.loginId());
        audit.record(
                episodeId,
                by,
                AuditAction.CARE_COORDINATOR_TRANSFERRED,
                "to " + next.displayName() + " (" + loginId + "), reason " + reason);
        task.setVariable(PathwayVariables.CARE_COORDINATOR, next.loginId());
        input.forget("newCareCoordinator", "handoverNotes");
    }
}
