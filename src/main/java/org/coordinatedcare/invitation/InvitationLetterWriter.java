package org.coordinatedcare.invitation;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.coordinatedcare.coordination.NamedProfessionalAssignmentRepository;
import org.coordinatedcare.document.PatientDocuments;
import org.coordinatedcare.episode.EpisodeBinding;
import org.coordinatedcare.team.Professional;
import org.coordinatedcare.team.ProfessionalRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes the invitation to the care-planning meeting (input parameter {@code letterKind} = INVITATION) or a reminder
 * (REMINDER) as a printable letter, and counts reminders in {@code remindersSent}, which the diagram's gateway reads.
 */
@Component("invitationLetterWriter")
public class InvitationLetterWriter implements JavaDelegate {

    private final EpisodeBinding binding;
    private final InvitationRepository invitations;
    private final ProfessionalRepository professionals;
    private final NamedProfessionalAssignmentRepository namedProfessionals;
    private final PatientDocuments documents;

    public InvitationLetterWriter(
            InvitationRepository invitations,
            ProfessionalRepository professionals,
            NamedProfessionalAssignmentRepository namedProfessionals,
            PatientDocuments documents,
            EpisodeBinding binding) {
        this.binding = binding;
        this.invitations = invitations;
        this.professionals = professionals;
        this.namedProfessionals = namedProfessionals;
        this.documents = documents;
    }

    @Override
    @Transactional
    public void execute(DelegateExecution execution) {
        long episodeId = binding.episodeId(execution);
        // signed by the named professional on record, not by whoever a variable names
        Professional namedProfessional = namedProfessionals
                .findByEpisodeIdAndEndedAtIsNull(episodeId)
                .flatMap(assignment -> professionals.findById(assignment.professionalId()))
                .orElseThrow(() -> new ProcessEngineException("Episode " + episodeId + " has no named professional"));
        String kind = String.valueOf(execution.getVariable("letterKind"));
        switch (kind) {
            case "INVITATION" -> {
                invitations.save(Invitation.sent(episodeId));
                documents.invitationLetter(episodeId, namedProfessional, false);
                execution.setVariable("remindersSent", 0);
                // a new invitation starts unanswered, so the response form does not show the last answer
                execution.removeVariable("invitationResponse");
            }
            case "REMINDER" -> {
                Invitation invitation = invitations
                        .findFirstByEpisodeIdOrderByIdDesc(episodeId)
                        .orElseThrow(() ->
                                new ProcessEngineException("No invitation to remind about for episode " + episodeId))
                        .reminded();
                invitations.save(invitation);
                documents.invitationLetter(episodeId, namedProfessional, true);
                execution.setVariable("remindersSent", invitation.remindersSent());
            }
            default -> throw new ProcessEngineException("letterKind must be INVITATION or REMINDER, not " + kind);
        }
    }
}
