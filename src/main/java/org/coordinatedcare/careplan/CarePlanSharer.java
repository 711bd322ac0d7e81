package org.coordinatedcare.careplan;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.coordinatedcare.audit.AuditAction;
import org.coordinatedcare.audit.AuditTrail;
import org.coordinatedcare.document.PatientDocuments;
import org.coordinatedcare.episode.EpisodeBinding;
import org.coordinatedcare.form.PathwayVariables;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Shares the agreed plan: produces the printable plan and records when it was shared with each recipient. It runs
 * after an async boundary, so a failure here is retried and never undoes the meeting's record.
 */
@Component("carePlanSharer")
public class CarePlanSharer implements JavaDelegate {

    private final EpisodeBinding binding;
    private final CarePlanRepository plans;
    private final PatientDocuments documents;
    private final AuditTrail audit;
    private final CarePlanContacts contacts;

    public CarePlanSharer(
            CarePlanRepository plans,
            PatientDocuments documents,
            AuditTrail audit,
            EpisodeBinding binding,
            CarePlanContacts contacts) {
        this.binding = binding;
        this.contacts = contacts;
        this.plans = plans;
        this.documents = documents;
        this.audit = audit;
    }

    @Override
    @Transactional
    public void execute(DelegateExecution execution) {
        long planId = PathwayVariables.requiredNumber(execution, "carePlanId");
        CarePlan plan =
                plans.findById(planId).orElseThrow(() -> new ProcessEngineException("No care plan with id " + planId));
        binding.checkOwned(execution, "carePlanId", plan.episodeId());
        CarePlan shared = plans.save(plan.sharedNow());
        CarePlanPage.write(documents, shared, contacts.of(plan.episodeId()));
        audit.record(
                plan.episodeId(),
                "system",
                AuditAction.CARE_PLAN_SHARED,
                "version " + plan.version() + " with "
                        + shared.shares().stream()
                                .map(share -> share.recipient().label())
                                .sorted()
                                .toList());
    }
}
