package org.coordinatedcare.casefinding;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Fills "Review case-finding list" with a page of the practice's candidates and annual reviews ({@link ReviewList}),
 * as JSON variables of the practice's sub-process instance that live only until the page is recorded: the process
 * keeps only the run id.
 * The form shows each list as a table and takes the decisions as checklists whose options name the rows
 * ({@code candidateChoices}, {@code annualReviewChoices}). Tasklist 7.24 keeps Complete disabled once any field inside
 * a form-js dynamic list has changed, so the form has none.
 */
@Component("caseFindingListOptions")
public class CaseFindingListOptions implements TaskListener {

    static final String CANDIDATE_CHOICES = "candidateChoices";
    static final String ANNUAL_REVIEW_CHOICES = "annualReviewChoices";

    private final ReviewList lists;
    private final ReviewTaskScope scope;
    private final ObjectMapper json;

    public CaseFindingListOptions(ReviewList lists, ObjectMapper json, ReviewTaskScope scope) {
        this.scope = scope;
        this.lists = lists;
        this.json = json;
    }

    @Override
    public void notify(DelegateTask task) {
        ReviewTaskScope.Bound bound = scope.of(task);
        long runId = bound.runId();
        String practiceCode = bound.practiceCode();
        var candidates = lists.candidateRows(runId, practiceCode);
        var reviews = lists.annualReviewRows(runId, practiceCode);
        long left = lists.leftToReview(runId, practiceCode);
        DelegateExecution practice = task.getExecution();
        practice.setVariableLocal("candidates", jsonValue(candidates));
        practice.setVariableLocal(CANDIDATE_CHOICES, jsonValue(choices(candidates, "candidateId")));
        practice.setVariableLocal("annualReviews", jsonValue(reviews));
        practice.setVariableLocal(ANNUAL_REVIEW_CHOICES, jsonValue(choices(reviews, "annualReviewId")));
        // The answers, empty, on the practice's own execution (not the task): Tasklist's submit and the Java API's
        // complete write to the nearest scope that has the variable, so parallel practices never share an answer.
        for (String answer : CaseFindingReviewRecorder.ANSWERS) {
            practice.setVariableLocal(answer, jsonValue(List.of()));
        }
        practice.setVariableLocal(CaseFindingReviewRecorder.OTHER_NOTE, "");
        // Tasklist shows this beside the task instead of a patient's name
        int onPage = candidates.size() + reviews.size();
        task.setVariableLocal(
                "patientLabel",
                practiceCode + ": " + candidates.size() + " to review, " + reviews.size() + " annual reviews due"
                        + (left > onPage ? " (" + (left - onPage) + " more after this page)" : ""));
    }

    /** A checklist's options: each row's number and patient's name (the table beside it says more), valued by the id. */
    private static List<Choice> choices(List<Map<String, Object>> rows, String idKey) {
        return rows.stream()
                .map(row -> new Choice(row.get(idKey) + ". " + row.get("name"), String.valueOf(row.get(idKey))))
                .toList();
    }

    /** One option of a form-js checklist. */
    record Choice(String label, String value) {}

    private TypedValue jsonValue(Object value) {
        try {
            return SpinValues.jsonValue(json.writeValueAsString(value)).create();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
