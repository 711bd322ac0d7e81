package org.coordinatedcare.episode;

import org.camunda.bpm.engine.ProcessEngineException;

/** A patient already on the pathway cannot be started on it again until the episode is closed. */
public class ActiveEpisodeExistsException extends ProcessEngineException {

    public ActiveEpisodeExistsException(long patientId) {
        super("Patient " + patientId + " already has an active coordinated-care episode");
    }
}
