package org.coordinatedcare.casefinding;

import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The facts the eligibility table reads about one patient, named as its input expressions. Nulls mean "not recorded":
 * no frailty assessment, never excluded, no discharge in the last 12 months.
 */
public record EligibilityInputs(
        int age,
        boolean deceased,
        boolean hasActiveEpisode,
        boolean awaitingReview,
        Integer monthsSinceExclusion,
        int ltcCount,
        String frailtyCategory,
        int unplannedAdmissions12m,
        Integer daysSinceDischarge) {

    public VariableMap variables() {
        return Variables.createVariables()
                .putValue("age", age)
                .putValue("deceased", deceased)
                .putValue("hasActiveEpisode", hasActiveEpisode)
                .putValue("awaitingReview", awaitingReview)
                .putValue("monthsSinceExclusion", monthsSinceExclusion)
                .putValue("ltcCount", ltcCount)
                .putValue("frailtyCategory", frailtyCategory)
                .putValue("unplannedAdmissions12m", unplannedAdmissions12m)
                .putValue("daysSinceDischarge", daysSinceDischarge);
    }
}
