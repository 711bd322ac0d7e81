package org.coordinatedcare.episode;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.coordinatedcare.audit.AuditAction;
import org.coordinatedcare.audit.AuditTrail;
import org.coordinatedcare.form.CurrentUser;
import org.coordinatedcare.patient.PatientRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Closes the episode with the reason given by the diagram (input parameter {@code closureReason}) and frees the patient
 * to be identified again later. What ends with it (the named professional's and care coordinator's assignments,
 * referrals still open) is ended by the features that own it, on {@link EpisodeClosed}, in this transaction.
 */
@Component("episodeCloser")
public class EpisodeCloser implements JavaDelegate {

    private final EpisodeBinding binding;
    private final EpisodeRepository episodes;
    private final PatientRepository patients;
    private final ApplicationEventPublisher events;
    private final CurrentUser currentUser;
    private final AuditTrail audit;

    public EpisodeCloser(
            EpisodeRepository episodes,
            PatientRepository patients,
            ApplicationEventPublisher events,
            CurrentUser currentUser,
            AuditTrail audit,
            EpisodeBinding binding) {
        this.binding = binding;
        this.episodes = episodes;
        this.patients = patients;
        this.events = events;
        this.currentUser = currentUser;
        this.audit = audit;
    }

    @Override
    @Transactional
    public void execute(DelegateExecution execution) {
        Episode episode = binding.episode(execution);
        long episodeId = episode.id();
        ClosureReason reason = ClosureReason.valueOf(String.valueOf(execution.getVariable("closureReason")));
        if (!episode.isActive()) {
            return; // closed already, e.g. a retried job after a commit that succeeded
        }
        // the closure is a person's decision (agreed closure, no-response decision, reported event), recorded with the
        // episode before this async step ran
        String by = episode.closureRequestedBy() != null ? episode.closureRequestedBy() : currentUser.orSystem();
        episodes.save(episode.close(reason, by));
        audit.record(episodeId, by, AuditAction.PATHWAY_CLOSED, reason.name());
        events.publishEvent(
                new EpisodeClosed(episodeId, reason)); // synchronous: the listeners write in this transaction
        if (reason == ClosureReason.DECEASED) {
            patients.findById(episode.patientId()).ifPresent(p -> patients.save(p.markDeceased()));
        }
    }
}
