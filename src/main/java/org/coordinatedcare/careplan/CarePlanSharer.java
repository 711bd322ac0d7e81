package org.coordinatedcare.careplan;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.coordinatedcare.document.PatientDocuments;
import org.coordinatedcare.system.PathwayVariables;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Shares the agreed plan: produces the printable plan and records when it was shared with each recipient. It runs
 * after an async boundary, so a failure here is retried and never undoes the meeting's record.
 */
@Component("carePlanSharer")
public class CarePlanSharer implements JavaDelegate {

    private final CarePlanRepository plans;
    private final PatientDocuments documents;

    public CarePlanSharer(CarePlanRepository plans, PatientDocuments documents) {
        this.plans = plans;
        this.documents = documents;
    }

    @Override
    @Transactional
    public void execute(DelegateExecution execution) {
        long planId = PathwayVariables.requiredNumber(execution, "carePlanId");
        CarePlan plan = plans.findById(planId).orElseThrow(() -> new ProcessEngineException("No care plan with id " + planId));
        CarePlan shared = plans.save(plan.sharedNow());
        documents.carePlan(shared);
    }
}
