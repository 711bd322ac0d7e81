package org.coordinatedcare.episode;

import java.util.Objects;
import java.util.Optional;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.coordinatedcare.form.FormInputException;
import org.coordinatedcare.form.PathwayVariables;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.patient.PatientRepository;
import org.coordinatedcare.patient.Practice;
import org.coordinatedcare.patient.PracticeRepository;
import org.springframework.context.event.EventListener;
import org.springframework.data.relational.core.mapping.event.AfterSaveEvent;
import org.springframework.stereotype.Component;

/**
 * The episode a pathway step writes to, found from the server's own state: the episode row opened for the pathway's
 * root process instance (the coordinated-care instance, also for steps of the called care-planning and MDT-review
 * processes). Process variables are client-writable, so they never choose the record; where the diagram still carries
 * {@code episodeId}, {@code patientId} or {@code practiceCode} for its expressions, a value that disagrees with the
 * bound episode is refused and nothing is written (ADR 0017). What it reads is read once per transaction
 * ({@link TransactionLookups}).
 */
@Component
public class EpisodeBinding {

    private final EpisodeRepository episodes;
    private final PracticeRepository practices;
    private final PatientRepository patients;

    public EpisodeBinding(EpisodeRepository episodes, PracticeRepository practices, PatientRepository patients) {
        this.episodes = episodes;
        this.practices = practices;
        this.patients = patients;
    }

    /** The episode of the pathway that {@code scope} (an execution or a task) belongs to. */
    public Episode episode(VariableScope scope) {
        String root = rootProcessInstanceId(scope);
        Episode episode = lookUp(root)
                .orElseThrow(() -> new ProcessEngineException("Process instance " + root
                        + " has no coordinated-care episode: pathway steps run only inside a pathway that opened one"));
        agree(scope, PathwayVariables.EPISODE_ID, episode.id());
        agreeOnPatient(scope, episode);
        return episode;
    }

    /** The pathway's episode, if this step belongs to one (a case-finding review does not). */
    public Optional<Episode> find(VariableScope scope) {
        return lookUp(rootProcessInstanceId(scope));
    }

    private Optional<Episode> lookUp(String rootProcessInstanceId) {
        return TransactionLookups.episode(rootProcessInstanceId, episodes::findByProcessInstanceId);
    }

    /** Any save of an episode, by whichever step, makes this transaction read episodes afresh. */
    @EventListener
    void episodeSaved(AfterSaveEvent<?> event) {
        if (event.getEntity() instanceof Episode) {
            TransactionLookups.forgetEpisodes();
        }
    }

    public long episodeId(VariableScope scope) {
        return episode(scope).id();
    }

    /** The practice that owns the pathway, fixed when the episode opened. */
    public Practice practice(VariableScope scope) {
        return bind(scope).practice();
    }

    /** The episode and its practice together, for a step that needs both: one lookup of each. */
    public record Bound(Episode episode, Practice practice) {
        public long episodeId() {
            return episode.id();
        }

        public String practiceCode() {
            return practice.odsCode();
        }
    }

    public Bound bind(VariableScope scope) {
        Episode episode = episode(scope);
        Practice practice = TransactionLookups.practice(
                episode.practiceId(), id -> practices.findById(id).orElseThrow());
        agree(scope, PathwayVariables.PRACTICE_CODE, practice.odsCode());
        return new Bound(episode, practice);
    }

    public String practiceCode(VariableScope scope) {
        return practice(scope).odsCode();
    }

    /**
     * Refuses a record of another episode that a variable names (a referral, an MDT review, a care plan): the
     * variable is the client's, the owner is the server's.
     */
    public void checkOwned(VariableScope scope, String variable, Long ownerEpisodeId) {
        if (!Objects.equals(ownerEpisodeId, episodeId(scope))) {
            throw new FormInputException(variable, "'" + variable + "' names a record of another pathway.");
        }
    }

    /**
     * {@code patientId} is the patient's FHIR id (ADR 0019); a pathway started before that carries the register's row
     * id, which names the same patient and is still accepted there.
     */
    private void agreeOnPatient(VariableScope scope, Episode episode) {
        Object given = scope.getVariable(PathwayVariables.PATIENT_ID);
        if (given == null) {
            return;
        }
        String value = String.valueOf(given).strip();
        if (value.equals(String.valueOf(episode.patientId()))) {
            return;
        }
        String fhirId = TransactionLookups.fhirId(
                        episode.patientId(), id -> patients.findById(id).map(Patient::fhirId))
                .orElse(null);
        if (!value.equals(fhirId)) {
            throw new FormInputException(
                    PathwayVariables.PATIENT_ID,
                    "'" + PathwayVariables.PATIENT_ID + "' does not belong to this pathway.");
        }
    }

    private static void agree(VariableScope scope, String name, Object bound) {
        Object given = scope.getVariable(name);
        if (given != null && !String.valueOf(given).strip().equals(String.valueOf(bound))) {
            throw new FormInputException(name, "'" + name + "' does not belong to this pathway.");
        }
    }

    /** The top of the call chain: a called care-planning or MDT review process belongs to its pathway. */
    static String rootProcessInstanceId(VariableScope scope) {
        DelegateExecution execution = scope instanceof DelegateTask task
                ? task.getExecution()
                : scope instanceof DelegateExecution e ? e : null;
        if (execution == null) {
            throw new ProcessEngineException("Pathway steps run in a process instance");
        }
        DelegateExecution instance = execution.getProcessInstance();
        while (instance.getSuperExecution() != null) {
            instance = instance.getSuperExecution().getProcessInstance();
        }
        return instance.getId();
    }
}
