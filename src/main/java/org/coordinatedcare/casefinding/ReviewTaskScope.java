package org.coordinatedcare.casefinding;

import java.util.Objects;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.coordinatedcare.form.FormInputException;
import org.springframework.stereotype.Component;

/**
 * Which run and which practice's list a "Review case-finding list" task decides, from the server's state: the run
 * recorded for the task's case-finding instance, and the practice whose GPs the engine made the task's candidates when
 * it was created. The task's {@code caseFindingRunId} and {@code practiceCode} variables must agree with both, or the
 * review is refused and nothing is written (ADR 0017).
 */
@Component
class ReviewTaskScope {

    record Bound(long runId, String practiceCode) {}

    private final CaseFindingRunRepository runs;

    ReviewTaskScope(CaseFindingRunRepository runs) {
        this.runs = runs;
    }

    Bound of(DelegateTask task) {
        CaseFindingRun run = runs.findByProcessInstanceId(task.getProcessInstanceId())
                .orElseThrow(() -> new ProcessEngineException(
                        "No case-finding run for process instance " + task.getProcessInstanceId()));
        Object givenRun = task.getVariable(CaseFindingRuns.RUN_ID);
        if (givenRun != null && CaseFindingRuns.id(givenRun) != run.id()) {
            throw new FormInputException(
                    CaseFindingRuns.RUN_ID, "'" + CaseFindingRuns.RUN_ID + "' does not belong to this task.");
        }
        String practiceCode = task.getCandidates().stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(link -> link.getGroupId())
                .filter(group -> group.startsWith(GP_GROUP_PREFIX))
                .map(group -> group.substring(GP_GROUP_PREFIX.length()))
                .findFirst()
                .orElseThrow(() ->
                        new ProcessEngineException("Task " + task.getId() + " has no practice's GPs as candidates"));
        if (!Objects.equals(String.valueOf(task.getVariable("practiceCode")), practiceCode)) {
            throw new FormInputException("practiceCode", "'practiceCode' does not belong to this task.");
        }
        return new Bound(run.id(), practiceCode);
    }

    /** The diagram's candidate group for the task: {@code gp-${practiceCode}}. */
    private static final String GP_GROUP_PREFIX = "gp-";
}
