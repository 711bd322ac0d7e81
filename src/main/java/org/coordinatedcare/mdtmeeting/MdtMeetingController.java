package org.coordinatedcare.mdtmeeting;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.camunda.bpm.engine.RuntimeService;
import org.coordinatedcare.document.DocumentPdf;
import org.coordinatedcare.episode.Episode;
import org.coordinatedcare.episode.EpisodeRepository;
import org.coordinatedcare.form.CurrentUser;
import org.coordinatedcare.mdtmeeting.MdtMeetings.Item;
import org.coordinatedcare.mdtmeeting.MdtMeetings.Meeting;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.patient.PatientReference;
import org.coordinatedcare.patient.Practice;
import org.coordinatedcare.patient.PracticeRepository;
import org.coordinatedcare.security.EngineActor;
import org.coordinatedcare.security.PatientAddresses;
import org.coordinatedcare.security.PracticeAccess;
import org.coordinatedcare.team.ProfessionalRole;
import org.coordinatedcare.web.InvalidRequestException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Neighbourhood MDT meetings through our API: a clinical lead or care coordinator of one of the neighbourhood's
 * practices calls a meeting on demand or adds a patient of their own practice to the next agenda with a reason; the
 * neighbourhood's practices read the minutes. The engine work runs as the system after these checks.
 */
@RestController
public class MdtMeetingController {

    static final List<String> CALLERS =
            List.of(ProfessionalRole.CLINICAL_LEAD_GROUP, ProfessionalRole.CARE_COORDINATOR.group());

    private final PracticeRepository practices;
    private final PracticeAccess access;
    private final RuntimeService runtime;
    private final EngineActor engine;
    private final CurrentUser currentUser;
    private final MdtMeetings meetings;
    private final PatientReference references;
    private final EpisodeRepository episodes;
    private final DocumentPdf pdf;

    public MdtMeetingController(
            PracticeRepository practices,
            PracticeAccess access,
            RuntimeService runtime,
            EngineActor engine,
            CurrentUser currentUser,
            MdtMeetings meetings,
            PatientReference references,
            EpisodeRepository episodes,
            DocumentPdf pdf) {
        this.practices = practices;
        this.access = access;
        this.runtime = runtime;
        this.engine = engine;
        this.currentUser = currentUser;
        this.meetings = meetings;
        this.references = references;
        this.episodes = episodes;
        this.pdf = pdf;
    }

    record Called(String processInstanceId) {}

    record Addition(String patient, String reason) {}

    @PostMapping("/api/neighbourhoods/{neighbourhood}/mdt-meetings")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Called call(@PathVariable String neighbourhood) {
        List<Practice> members = practicesOf(neighbourhood);
        access.checkRoleInNeighbourhood(members, CALLERS);
        String by = currentUser.orSystem();
        String id = engine.asSystem(() -> runtime.startProcessInstanceByKey(
                        "mdt-meeting", Map.of("neighbourhood", members.get(0).neighbourhood(), "calledBy", by))
                .getId());
        return new Called(id);
    }

    /** A patient of the caller's own practice, on the pathway, for the next agenda (or the one being prepared). */
    @PostMapping("/api/neighbourhoods/{neighbourhood}/mdt-agenda")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    public void add(@PathVariable String neighbourhood, @RequestBody Addition addition) {
        List<Practice> members = practicesOf(neighbourhood);
        if (addition == null || addition.patient() == null || addition.patient().isBlank()) {
            throw new InvalidRequestException("patient", "Say which patient: their FHIR Patient id.");
        }
        String reason = addition.reason() == null ? "" : addition.reason().strip();
        if (reason.isEmpty() || reason.length() > 500) {
            throw new InvalidRequestException("reason", "Give the reason to discuss them, in at most 500 characters.");
        }
        Patient patient = access.actableOrDenied(
                        references.find(PatientAddresses.wellFormed(addition.patient())),
                        p -> practices.findById(p.practiceId()).orElseThrow())
                .orElseThrow(() -> new InvalidRequestException("patient", "No such patient."));
        if (members.stream().noneMatch(p -> p.id().equals(patient.practiceId()))) {
            throw new InvalidRequestException("patient", "The patient's practice is not in " + neighbourhood + ".");
        }
        Episode episode = episodes.findByActivePatientId(patient.id())
                .orElseThrow(() ->
                        new InvalidRequestException("patient", "The patient is not on the coordinated-care pathway."));
        String name = members.get(0).neighbourhood();
        Meeting preparing = meetings.preparing(name).orElse(null);
        int position = preparing == null
                ? 0
                : meetings.agenda(preparing.id()).stream()
                                .mapToInt(Item::position)
                                .max()
                                .orElse(0)
                        + 1;
        meetings.list(
                preparing == null ? 0 : preparing.id(),
                episode.id(),
                name,
                position,
                "ADDED",
                reason,
                null,
                currentUser.orSystem());
    }

    @GetMapping("/api/mdt-meetings/{meetingId}/minutes")
    public ResponseEntity<String> minutes(@PathVariable long meetingId) {
        Meeting meeting = readable(meetingId);
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(meeting.minutes());
    }

    @GetMapping("/api/mdt-meetings/{meetingId}/minutes/pdf")
    public ResponseEntity<byte[]> minutesPdf(@PathVariable long meetingId) {
        Meeting meeting = readable(meetingId);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"mdt-meeting-" + meetingId + ".pdf\"")
                .body(pdf.page(meeting.minutes(), "Minutes", "the minutes of MDT meeting " + meetingId));
    }

    private Meeting readable(long meetingId) {
        Meeting meeting = meetings.meeting(meetingId)
                .orElseThrow(() -> new NoSuchElementException("No MDT meeting " + meetingId));
        access.checkNeighbourhood(practices.findByNeighbourhood(meeting.neighbourhood()));
        if (meeting.minutes() == null) {
            throw new NoSuchElementException("MDT meeting " + meetingId + " has no minutes yet");
        }
        return meeting;
    }

    private List<Practice> practicesOf(String neighbourhood) {
        List<Practice> members = practices.findAll().stream()
                .filter(p -> p.neighbourhood().equalsIgnoreCase(neighbourhood.strip()))
                .toList();
        if (members.isEmpty()) {
            throw new NoSuchElementException("No neighbourhood " + neighbourhood);
        }
        return members;
    }
}
