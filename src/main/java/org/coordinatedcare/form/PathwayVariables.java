package org.coordinatedcare.form;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The few process variables every pathway instance carries: ids and the practice, never clinical text. They are for
 * the diagrams' expressions (candidate groups, assignees); whose record a step writes comes from {@code EpisodeBinding},
 * never from these.
 */
public final class PathwayVariables {

    public static final String PATIENT_ID = "patientId";
    /** Name, birth date and NHS number, shown on task cards and forms so clinicians know whose task it is. */
    public static final String PATIENT_LABEL = "patientLabel";

    public static final String EPISODE_ID = "episodeId";
    public static final String PRACTICE_CODE = "practiceCode";
    public static final String NAMED_PROFESSIONAL = "namedProfessional";
    public static final String CARE_COORDINATOR = "careCoordinator";
    public static final String HAS_COORDINATOR = "hasCoordinator";

    private PathwayVariables() {}

    public static long requiredNumber(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text && text.matches("\\d+")) {
            return Long.parseLong(text);
        }
        throw new ProcessEngineException("The pathway has no numeric " + name + " variable (found " + value + ")");
    }
}
