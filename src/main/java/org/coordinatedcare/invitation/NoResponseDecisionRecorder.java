package org.coordinatedcare.invitation;

import java.util.Set;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.coordinatedcare.episode.Episode;
import org.coordinatedcare.episode.EpisodeBinding;
import org.coordinatedcare.episode.EpisodeRepository;
import org.coordinatedcare.form.CurrentUser;
import org.coordinatedcare.form.FormInput;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Records what the named professional decided when the invitation went unanswered or was declined. */
@Component("noResponseDecisionRecorder")
public class NoResponseDecisionRecorder implements TaskListener {

    private final EpisodeBinding binding;
    private final InvitationRepository invitations;
    private final EpisodeRepository episodes;
    private final CurrentUser currentUser;

    public NoResponseDecisionRecorder(
            InvitationRepository invitations,
            EpisodeRepository episodes,
            CurrentUser currentUser,
            EpisodeBinding binding) {
        this.episodes = episodes;
        this.binding = binding;
        this.invitations = invitations;
        this.currentUser = currentUser;
    }

    @Override
    @Transactional
    public void notify(DelegateTask task) {
        FormInput input = FormInput.of(task);
        Episode episode = binding.episode(task);
        long episodeId = episode.id();
        String nextStep = input.requiredChoice("nextStep", "the next step", Set.of("reinvite", "proceed", "close"));
        String note = input.requiredText("decisionNote", "the reason for your decision", 2000);
        Invitation invitation = invitations
                .findFirstByEpisodeIdOrderByIdDesc(episodeId)
                .orElseThrow(() -> new ProcessEngineException("No invitation was sent for episode " + episodeId));
        String by = currentUser.of(task);
        invitations.save(invitation.decided(nextStep, note, by));
        if (nextStep.equals("close")) {
            episodes.save(episode.closureRequestedBy(by)); // the closure that follows is this decision
        }
        input.forget("decisionNote");
    }
}
