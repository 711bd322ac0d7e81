package org.coordinatedcare.invitation;

import java.time.LocalDate;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.coordinatedcare.episode.EpisodeBinding;
import org.coordinatedcare.form.CurrentUser;
import org.coordinatedcare.form.FormInput;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Records the patient's answer to the invitation and, when they accept, the date of the care-planning meeting. */
@Component("invitationResponseRecorder")
public class InvitationResponseRecorder implements TaskListener {

    private final EpisodeBinding binding;
    private final InvitationRepository invitations;
    private final CurrentUser currentUser;

    public InvitationResponseRecorder(
            InvitationRepository invitations, CurrentUser currentUser, EpisodeBinding binding) {
        this.binding = binding;
        this.invitations = invitations;
        this.currentUser = currentUser;
    }

    @Override
    @Transactional
    public void notify(DelegateTask task) {
        FormInput input = FormInput.of(task);
        long episodeId = binding.episodeId(task);
        String response =
                input.requiredChoice("invitationResponse", "the patient's response", Set.of("accepted", "declined"));
        LocalDate meetingDate = response.equals("accepted")
                ? input.requiredDate("meetingDate", "the date of the care-planning meeting")
                : null;
        Invitation invitation = invitations
                .findFirstByEpisodeIdOrderByIdDesc(episodeId)
                .orElseThrow(() -> new ProcessEngineException("No invitation was sent for episode " + episodeId));
        invitations.save(invitation.answered(
                response,
                meetingDate,
                input.optionalText("responseNote", "the note", 2000).orElse(null),
                currentUser.of(task)));
        input.forget("responseNote", "meetingDate");
    }
}
