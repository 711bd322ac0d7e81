package org.coordinatedcare.pathway;

import java.util.Comparator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.coordinatedcare.episode.Episode;
import org.coordinatedcare.episode.EpisodeRepository;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.patient.PatientReference;
import org.coordinatedcare.patient.PatientRepository;
import org.coordinatedcare.patient.Practice;
import org.coordinatedcare.patient.PracticeRepository;
import org.coordinatedcare.security.EngineActor;
import org.coordinatedcare.security.PatientAddresses;
import org.coordinatedcare.security.PracticeAccess;
import org.coordinatedcare.web.InvalidRequestException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The patient's story ({@link PatientStory}) for Tasklist's Patient tab, found from a task (ADR 0021): the task as the
 * logged-in user sees it under the engine's authorizations, then the episode bound to the task's pathway (the root
 * process instance, as {@code EpisodeBinding} finds it; never a variable), then the practice check every patient read
 * passes.
 */
@RestController
class PatientStoryController {

    /** Engine ids are UUIDs or numbers; anything else names no task and never reaches a query. */
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final TaskService taskService;
    private final RuntimeService runtime;
    private final EngineActor engine;
    private final EpisodeRepository episodes;
    private final PatientRepository patientRows;
    private final PatientReference patients;
    private final PracticeRepository practices;
    private final PracticeAccess access;
    private final PatientStories stories;

    PatientStoryController(
            TaskService taskService,
            RuntimeService runtime,
            EngineActor engine,
            EpisodeRepository episodes,
            PatientRepository patientRows,
            PatientReference patients,
            PracticeRepository practices,
            PracticeAccess access,
            PatientStories stories) {
        this.taskService = taskService;
        this.runtime = runtime;
        this.engine = engine;
        this.episodes = episodes;
        this.patientRows = patientRows;
        this.patients = patients;
        this.practices = practices;
        this.access = access;
        this.stories = stories;
    }

    @GetMapping("/api/tasks/{taskId}/patient")
    PatientStory ofTask(@PathVariable String taskId) {
        if (!TASK_ID.matcher(taskId).matches()) {
            throw new InvalidRequestException("taskId", "'taskId' is an engine task id: letters, digits and '-'.");
        }
        // As the user: a task the engine does not show them is answered as if it did not exist.
        Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            throw new NoSuchElementException("No task " + taskId);
        }
        Episode episode = Optional.ofNullable(task.getProcessInstanceId())
                .map(this::rootOf)
                .flatMap(episodes::findByProcessInstanceId)
                .orElseThrow(() -> new NoSuchElementException(
                        "Task " + taskId + " is not part of a patient's coordinated-care pathway"));
        Patient patient = access.readableOrDenied(patientRows.findById(episode.patientId()), this::practiceOf)
                .orElseThrow();
        return stories.of(patient, practiceOf(patient), Optional.of(episode));
    }

    /** The same story for a patient by FHIR id or NHS-number token (ADR 0019): their latest episode, if any. */
    @GetMapping("/api/patients/{patientId}/story")
    PatientStory ofPatient(@PathVariable String patientId) {
        Patient patient = access.readableOrDenied(
                        patients.find(PatientAddresses.wellFormed(patientId)), this::practiceOf)
                .orElseThrow(() -> new NoSuchElementException("No patient " + patientId));
        Optional<Episode> latest = episodes.findByPatientIdOrderByOpenedAt(patient.id()).stream()
                .max(Comparator.comparing(Episode::openedAt));
        return stories.of(patient, practiceOf(patient), latest);
    }

    /**
     * The pathway's instance for a step of a called care-planning or MDT-review process too. Read as the system: the
     * user has shown they may see the task, and holds no right to read process instances as such.
     */
    private String rootOf(String processInstanceId) {
        ProcessInstance instance = engine.asSystem(() -> runtime.createProcessInstanceQuery()
                .processInstanceId(processInstanceId)
                .singleResult());
        return instance == null ? null : instance.getRootProcessInstanceId();
    }

    private Practice practiceOf(Patient patient) {
        return practices.findById(patient.practiceId()).orElseThrow();
    }
}
