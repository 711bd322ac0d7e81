package org.coordinatedcare.casefinding;

/** Why a clinician leaves a listed patient off the pathway; {@code OTHER} needs a note. */
public enum ExclusionReason {
    /** Needs already met by other services (e.g. a specialist team coordinates their care). */
    NEEDS_MET_ELSEWHERE,
    /** Receiving palliative or end-of-life care. */
    END_OF_LIFE_CARE,
    /** Not appropriate in the clinician's judgement (e.g. conditions well controlled, low need). */
    NOT_APPROPRIATE,
    /** The record is wrong (a condition miscoded or no longer current). */
    RECORD_INACCURATE,
    /** Has left, or is leaving, the practice. */
    LEFT_PRACTICE,
    /** Already declined coordinated care. */
    PATIENT_DECLINED,
    OTHER;

    /**
     * The review form's checklist of patients excluded for this reason: {@code exclude} and the name in camel case
     * ({@code NEEDS_MET_ELSEWHERE} → {@code excludeNeedsMetElsewhere}).
     */
    public String formKey() {
        StringBuilder key = new StringBuilder("exclude");
        for (String word : name().split("_")) {
            key.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return key.toString();
    }
}
