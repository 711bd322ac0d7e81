package org.coordinatedcare.episode;

import org.camunda.bpm.engine.ProcessEngineException;
import org.coordinatedcare.web.StateConflict;

/** A patient already on the pathway cannot be started on it again until the episode is closed. */
public class ActiveEpisodeExistsException extends ProcessEngineException implements StateConflict {

    public ActiveEpisodeExistsException(long patientId) {
        super("Patient " + patientId + " already has an active coordinated-care episode");
    }

    /** On a start, the patient is the field at fault. */
    @Override
    public String field() {
        return "patientId";
    }
}
