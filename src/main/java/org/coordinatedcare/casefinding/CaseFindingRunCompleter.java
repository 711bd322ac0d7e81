package org.coordinatedcare.casefinding;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Marks the run completed once every practice's list is reviewed and its pathways started. */
@Component("caseFindingRunCompleter")
public class CaseFindingRunCompleter implements JavaDelegate {

    private final CaseFindingRunRepository runs;

    public CaseFindingRunCompleter(CaseFindingRunRepository runs) {
        this.runs = runs;
    }

    @Override
    public void execute(DelegateExecution execution) {
        CaseFindingRun run = runs.findById(CaseFindingRuns.id(execution.getVariable(CaseFindingRuns.RUN_ID)))
                .orElseThrow();
        if (run.status() != CaseFindingStatus.COMPLETED) {
            runs.save(run.completed());
        }
    }
}
