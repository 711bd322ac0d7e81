package org.coordinatedcare.episode;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.coordinatedcare.audit.AuditAction;
import org.coordinatedcare.audit.AuditTrail;
import org.coordinatedcare.coordination.CoordinatorAssignmentRepository;
import org.coordinatedcare.coordination.NamedProfessionalAssignmentRepository;
import org.coordinatedcare.form.CurrentUser;
import org.coordinatedcare.patient.PatientRepository;
import org.coordinatedcare.referral.ReferralRegister;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Closes the episode with the reason given by the diagram (input parameter {@code closureReason}): ends the named
 * professional's and care coordinator's assignments, withdraws referrals still open, and frees the patient to be
 * identified again later.
 */
@Component("episodeCloser")
public class EpisodeCloser implements JavaDelegate {

    private final EpisodeBinding binding;

    private final EpisodeRepository episodes;
    private final PatientRepository patients;
    private final NamedProfessionalAssignmentRepository namedProfessionals;
    private final CoordinatorAssignmentRepository coordinators;
    private final ReferralRegister referrals;
    private final CurrentUser currentUser;
    private final AuditTrail audit;

    public EpisodeCloser(EpisodeRepository episodes, PatientRepository patients,
            NamedProfessionalAssignmentRepository namedProfessionals, CoordinatorAssignmentRepository coordinators,
            ReferralRegister referrals, CurrentUser currentUser, AuditTrail audit, EpisodeBinding binding) {
        this.binding = binding;
        this.episodes = episodes;
        this.patients = patients;
        this.namedProfessionals = namedProfessionals;
        this.coordinators = coordinators;
        this.referrals = referrals;
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
        namedProfessionals.findByEpisodeIdAndEndedAtIsNull(episodeId).ifPresent(a -> namedProfessionals.save(a.end()));
        coordinators.findByEpisodeIdAndEndedAtIsNull(episodeId).ifPresent(a -> coordinators.save(a.ended()));
        referrals.withdrawOpen(episodeId);
        if (reason == ClosureReason.DECEASED) {
            patients.findById(episode.patientId()).ifPresent(p -> patients.save(p.markDeceased()));
        }
    }
}
