package org.coordinatedcare.pathway;

import java.util.Arrays;
import java.util.NoSuchElementException;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.coordinatedcare.audit.AuditAction;
import org.coordinatedcare.audit.AuditTrail;
import org.coordinatedcare.episode.Episode;
import org.coordinatedcare.episode.EpisodeRepository;
import org.coordinatedcare.episode.PathwayEvent;
import org.coordinatedcare.form.CurrentUser;
import org.coordinatedcare.pathway.PathwayViews.PathwayView;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.patient.PatientReference;
import org.coordinatedcare.patient.Practice;
import org.coordinatedcare.patient.PracticeRepository;
import org.coordinatedcare.security.EngineActor;
import org.coordinatedcare.security.PatientAddresses;
import org.coordinatedcare.security.PracticeAccess;
import org.coordinatedcare.web.InvalidRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A patient's pathway as the team sees it (episodes, who is named, the plan's versions, referrals, reviews, documents;
 * assembled by {@link PathwayViews}) and the events that change it from outside Tasklist.
 */
@RestController
public class PathwayController {

    private final PatientReference patients;
    private final PracticeRepository practices;
    private final EpisodeRepository episodes;
    private final PathwayViews views;
    private final PracticeAccess access;
    private final RuntimeService runtime;
    private final EngineActor engine;
    private final CurrentUser currentUser;
    private final AuditTrail audit;

    public PathwayController(
            PatientReference patients,
            PracticeRepository practices,
            EpisodeRepository episodes,
            PathwayViews views,
            PracticeAccess access,
            RuntimeService runtime,
            EngineActor engine,
            CurrentUser currentUser,
            AuditTrail audit) {
        this.patients = patients;
        this.practices = practices;
        this.episodes = episodes;
        this.views = views;
        this.access = access;
        this.runtime = runtime;
        this.engine = engine;
        this.currentUser = currentUser;
        this.audit = audit;
    }

    record EventRequest(String event) {}

    /** {@code patientId}: the FHIR Patient id, or the NHS-number token (ADR 0019). */
    @GetMapping("/api/patients/{patientId}/pathway")
    PathwayView pathway(@PathVariable String patientId) {
        Patient patient = access.readableOrDenied(
                        patients.find(PatientAddresses.wellFormed(patientId)), this::practiceOf)
                .orElseThrow(() -> new NoSuchElementException("No patient " + patientId));
        return views.of(patient, practiceOf(patient));
    }

    /** Reports an event; answers 202 once the pathway has taken it (its async steps follow). */
    @PostMapping("/api/patients/{patientId}/pathway/events")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Transactional
    public void report(@PathVariable String patientId, @RequestBody EventRequest request) {
        if (request == null || request.event() == null || request.event().isBlank()) {
            throw new InvalidRequestException(
                    "event", "Say which event happened: one of " + Arrays.toString(PathwayEvent.values()));
        }
        PathwayEvent event;
        try {
            event = PathwayEvent.valueOf(request.event());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(
                    "event",
                    "'" + request.event() + "' is not an event; use one of " + Arrays.toString(PathwayEvent.values()));
        }
        Patient patient = access.actableOrDenied(
                        patients.find(PatientAddresses.wellFormed(patientId)), this::practiceOf)
                .orElseThrow(() -> new NoSuchElementException("No patient " + patientId));
        Episode episode = episodes.findByActivePatientId(patient.id())
                .orElseThrow(() -> new MismatchingMessageCorrelationException(
                        "Patient " + patient.fhirId() + " has no active coordinated-care pathway"));
        String by = currentUser.orSystem();
        if (event.closesPathway()) {
            episodes.save(episode.closureRequestedBy(by));
        }
        audit.record(episode.id(), by, AuditAction.PATHWAY_EVENT_REPORTED, event.name());
        // The practice check above is the authorization for this API; clinicians hold no engine right to change a
        // process instance (that would let them modify any pathway through the engine REST API), so the pathway takes
        // the message as the system, in this request's transaction.
        try {
            engine.asSystem(() -> runtime.createMessageCorrelation(event.message())
                    .processInstanceId(episode.processInstanceId())
                    .correlate());
        } catch (MismatchingMessageCorrelationException e) {
            throw new MismatchingMessageCorrelationException("The pathway of patient " + patient.fhirId()
                    + " is not at a point where it can take " + event + " now");
        }
    }

    private Practice practiceOf(Patient patient) {
        return practices.findById(patient.practiceId()).orElseThrow();
    }
}
