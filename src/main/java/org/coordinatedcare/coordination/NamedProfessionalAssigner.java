package org.coordinatedcare.coordination;

import java.util.EnumSet;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.coordinatedcare.audit.AuditAction;
import org.coordinatedcare.audit.AuditTrail;
import org.coordinatedcare.episode.EpisodeBinding;
import org.coordinatedcare.form.CurrentUser;
import org.coordinatedcare.form.FormInput;
import org.coordinatedcare.form.PathwayVariables;
import org.coordinatedcare.team.PracticeTeam;
import org.coordinatedcare.team.Professional;
import org.coordinatedcare.team.ProfessionalRole;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Records the named GP or nurse chosen by the clinical lead; a new choice ends the previous assignment. */
@Component("namedProfessionalAssigner")
public class NamedProfessionalAssigner implements TaskListener {

    private final EpisodeBinding binding;
    private final PracticeTeam team;
    private final NamedProfessionalAssignmentRepository assignments;
    private final CurrentUser currentUser;
    private final AuditTrail audit;

    public NamedProfessionalAssigner(
            PracticeTeam team,
            NamedProfessionalAssignmentRepository assignments,
            CurrentUser currentUser,
            AuditTrail audit,
            EpisodeBinding binding) {
        this.binding = binding;
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
        String loginId = input.requiredText(PathwayVariables.NAMED_PROFESSIONAL, "the named professional", 64);
        Professional chosen = team.member(
                pathway.practiceCode(),
                loginId,
                EnumSet.of(ProfessionalRole.GP, ProfessionalRole.PRACTICE_NURSE),
                PathwayVariables.NAMED_PROFESSIONAL,
                "a GP or practice nurse");
        String note = input.optionalText("assignmentNote", "the note", 2000).orElse(null);

        assignments.findByEpisodeIdAndEndedAtIsNull(episodeId).ifPresent(current -> assignments.save(current.end()));
        String by = currentUser.of(task);
        assignments.save(NamedProfessionalAssignment.start(episodeId, chosen.id(), by, note));
        audit.record(
                episodeId, by, AuditAction.NAMED_PROFESSIONAL_ASSIGNED, chosen.displayName() + " (" + loginId + ")");
        input.forget("assignmentNote");
    }
}
