package org.coordinatedcare.casefinding;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.coordinatedcare.episode.Episode;
import org.coordinatedcare.episode.EpisodeRepository;
import org.coordinatedcare.form.PathwayVariables;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.patient.PatientRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts the coordinated-care pathway of one confirmed patient (message {@code PatientIdentified}, business key = the
 * patient's FHIR id (ADR 0019), with the LTC count case finding found). One job per patient, so one failure retries alone. Never two:
 * a patient already on the pathway, or who died since the list was made, is recorded as such and not started; a
 * retried job whose patient was already handled does nothing.
 */
@Component("pathwayStarter")
public class PathwayStarter implements JavaDelegate {

    private final JdbcClient jdbc;
    private final PatientRepository patients;
    private final EpisodeRepository episodes;
    private final RuntimeService runtime;

    public PathwayStarter(
            JdbcClient jdbc, PatientRepository patients, EpisodeRepository episodes, RuntimeService runtime) {
        this.jdbc = jdbc;
        this.patients = patients;
        this.episodes = episodes;
        this.runtime = runtime;
    }

    record Confirmed(long patientId, int ltcCount, String pathwayOutcome) {}

    @Override
    @Transactional
    public void execute(DelegateExecution execution) {
        long candidateId = PathwayVariables.requiredNumber(execution, "candidateId");
        Confirmed candidate = jdbc.sql(
                        "select patient_id, ltc_count, pathway_outcome from case_finding_candidate where id = ? and decision = 'CONFIRMED'")
                .param(candidateId)
                .query(Confirmed.class)
                .single();
        if (candidate.pathwayOutcome() != null) {
            return;
        }
        Patient patient = patients.findById(candidate.patientId()).orElseThrow();
        if (patient.deceased()) {
            record(candidateId, "DECEASED", null);
            return;
        }
        var active = episodes.findByActivePatientId(patient.id());
        if (active.isPresent()) {
            record(candidateId, "ALREADY_ACTIVE", active.get().id());
            return;
        }
        runtime.createMessageCorrelation("PatientIdentified")
                .processInstanceBusinessKey(patient.fhirId())
                .setVariable(PathwayVariables.PATIENT_ID, patient.fhirId())
                .correlateStartMessage();
        Episode opened = episodes.findByActivePatientId(patient.id()).orElseThrow();
        record(candidateId, "STARTED", opened.id());
    }

    private void record(long candidateId, String outcome, Long episodeId) {
        jdbc.sql("update case_finding_candidate set pathway_outcome = ?, episode_id = ? where id = ?")
                .params(outcome, episodeId, candidateId)
                .update();
    }
}
