package org.coordinatedcare.casefinding;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Fills "Review case-finding list" with the practice's candidates and annual reviews, as JSON variables of the
 * practice's sub-process instance that live only until the review is recorded: the process keeps only the run id.
 */
@Component("caseFindingListOptions")
public class CaseFindingListOptions implements TaskListener {

    private final ReviewList lists;
    private final ObjectMapper json;

    public CaseFindingListOptions(ReviewList lists, ObjectMapper json) {
        this.lists = lists;
        this.json = json;
    }

    @Override
    public void notify(DelegateTask task) {
        long runId = CaseFindingRuns.id(task.getVariable(CaseFindingRuns.RUN_ID));
        String practiceCode = String.valueOf(task.getVariable("practiceCode"));
        var candidates = lists.candidateRows(runId, practiceCode);
        var reviews = lists.annualReviewRows(runId, practiceCode);
        try {
            // On the practice's own execution (not the task): Tasklist's submit and the Java API's complete both write
            // the submitted lists there, replacing these; the recorder removes them once recorded.
            task.getExecution().setVariableLocal("candidates", SpinValues.jsonValue(json.writeValueAsString(candidates)).create());
            task.getExecution().setVariableLocal("annualReviews", SpinValues.jsonValue(json.writeValueAsString(reviews)).create());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // Tasklist shows this beside the task instead of a patient's name
        task.setVariableLocal("patientLabel", practiceCode + ": " + candidates.size() + " to review, "
                + reviews.size() + " annual reviews due");
    }
}
