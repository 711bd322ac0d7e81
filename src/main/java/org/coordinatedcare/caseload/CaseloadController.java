package org.coordinatedcare.caseload;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.coordinatedcare.careplan.CarePlan;
import org.coordinatedcare.careplan.CarePlanRepository;
import org.coordinatedcare.caseload.Caseload.Booking;
import org.coordinatedcare.caseload.Caseload.CaseloadPatient;
import org.coordinatedcare.caseload.Caseload.Coordinator;
import org.coordinatedcare.caseload.Caseload.OpenTask;
import org.coordinatedcare.coordination.BookedActivityRepository;
import org.coordinatedcare.coordination.CoordinatedCareSchedule;
import org.coordinatedcare.coordination.CoordinatedCareScheduleRepository;
import org.coordinatedcare.coordination.CoordinatorAssignment;
import org.coordinatedcare.coordination.CoordinatorAssignmentRepository;
import org.coordinatedcare.episode.Episode;
import org.coordinatedcare.episode.EpisodeRepository;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.patient.PatientRepository;
import org.coordinatedcare.patient.Practice;
import org.coordinatedcare.patient.PracticeRepository;
import org.coordinatedcare.security.EngineActor;
import org.coordinatedcare.security.Roles;
import org.coordinatedcare.team.Professional;
import org.coordinatedcare.team.ProfessionalRepository;
import org.coordinatedcare.team.ProfessionalRole;
import org.coordinatedcare.web.InvalidRequestException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/caseload}: the logged-in user's own caseload; {@code ?coordinator=<login>} another coordinator's, for
 * a clinical lead of that coordinator's practice, a manager or an administrator. Anyone else asking for someone else's
 * is refused (403), and so is a clinical lead asking about an unknown login, which tells them nothing about other
 * practices' staff.
 */
@RestController
public class CaseloadController {

    static final String NOT_YOURS =
            "You can see your own caseload, or as a clinical lead the caseloads of your practice's coordinators.";

    private final IdentityService identity;
    private final ProfessionalRepository professionals;
    private final PracticeRepository practices;
    private final CoordinatorAssignmentRepository assignments;
    private final EpisodeRepository episodes;
    private final PatientRepository patients;
    private final CarePlanRepository carePlans;
    private final BookedActivityRepository bookings;
    private final CoordinatedCareScheduleRepository schedules;
    private final TaskService tasks;
    private final EngineActor engine;

    public CaseloadController(
            IdentityService identity,
            ProfessionalRepository professionals,
            PracticeRepository practices,
            CoordinatorAssignmentRepository assignments,
            EpisodeRepository episodes,
            PatientRepository patients,
            CarePlanRepository carePlans,
            BookedActivityRepository bookings,
            CoordinatedCareScheduleRepository schedules,
            TaskService tasks,
            EngineActor engine) {
        this.identity = identity;
        this.professionals = professionals;
        this.practices = practices;
        this.assignments = assignments;
        this.episodes = episodes;
        this.patients = patients;
        this.carePlans = carePlans;
        this.bookings = bookings;
        this.schedules = schedules;
        this.tasks = tasks;
        this.engine = engine;
    }

    @GetMapping("/api/caseload")
    Caseload caseload(@RequestParam(name = "coordinator", required = false) String coordinator) {
        Authentication caller = identity.getCurrentAuthentication();
        if (caller == null || caller.getUserId() == null) {
            throw new AccessDeniedException(NOT_YOURS);
        }
        List<String> groups = caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
        boolean seesEveryPractice = groups.contains(Roles.MANAGER) || groups.contains(Roles.ADMIN);
        String login = coordinator == null || coordinator.isBlank() ? caller.getUserId() : coordinator.strip();
        if (login.length() > 64) {
            throw new InvalidRequestException("coordinator", "A login has at most 64 characters.");
        }
        Optional<Professional> found = professionals.findByLoginId(login);
        if (login.equals(caller.getUserId())) {
            if (found.isEmpty()) {
                if (seesEveryPractice) {
                    throw new InvalidRequestException(
                            "coordinator", "Name the coordinator whose caseload you want: ?coordinator=<login>.");
                }
                throw new AccessDeniedException(NOT_YOURS);
            }
            return of(found.get());
        }
        if (seesEveryPractice) {
            return of(
                    found.orElseThrow(() -> new NoSuchElementException("No member of any practice team is " + login)));
        }
        Professional other = found.orElseThrow(() -> new AccessDeniedException(NOT_YOURS));
        Practice practice = practices.findById(other.practiceId()).orElseThrow();
        if (!groups.contains(ProfessionalRole.CLINICAL_LEAD_GROUP + "-" + practice.odsCode())) {
            throw new AccessDeniedException(NOT_YOURS);
        }
        return of(other);
    }

    private Caseload of(Professional coordinator) {
        Practice practice = practices.findById(coordinator.practiceId()).orElseThrow();
        LocalDate today = LocalDate.now();
        List<CaseloadPatient> list =
                assignments.findByProfessionalIdAndEndedAtIsNullOrderByStartedAt(coordinator.id()).stream()
                        .map(a -> patient(a, today))
                        .flatMap(Optional::stream)
                        .toList();
        return new Caseload(
                new Coordinator(
                        coordinator.loginId(),
                        coordinator.displayName(),
                        coordinator.role().label(),
                        practice.odsCode()),
                list);
    }

    private Optional<CaseloadPatient> patient(CoordinatorAssignment assignment, LocalDate today) {
        Optional<Episode> episode = episodes.findById(assignment.episodeId());
        if (episode.isEmpty() || episode.get().closedAt() != null) {
            return Optional.empty();
        }
        Patient patient = patients.findById(episode.get().patientId()).orElseThrow();
        long episodeId = episode.get().id();
        Booking next = bookings.findFirstByEpisodeIdAndBookedForGreaterThanEqualOrderByBookedForAscIdAsc(
                        episodeId, today)
                .map(b -> new Booking(b.activity(), b.withWhom(), b.bookedFor()))
                .orElse(null);
        LocalDate nextContact = schedules.findByEpisodeId(episodeId).stream()
                .max(Comparator.comparing(CoordinatedCareSchedule::scheduledAt)
                        .thenComparing(CoordinatedCareSchedule::id))
                .map(CoordinatedCareSchedule::nextContactDate)
                .orElse(null);
        LocalDate review = carePlans
                .findFirstByEpisodeIdOrderByVersionDesc(episodeId)
                .map(CarePlan::reviewDate)
                .orElse(null);
        // as the system: the coordinator sees every open step of the pathways they coordinate, not only their own
        List<OpenTask> open =
                engine.asSystem(() -> tasks
                        .createTaskQuery()
                        .processInstanceBusinessKey(patient.fhirId())
                        .orderByDueDate()
                        .asc()
                        .listPage(0, 50)
                        .stream()
                        .map(t -> new OpenTask(
                                t.getId(),
                                t.getName(),
                                t.getAssignee(),
                                t.getDueDate() == null ? null : t.getDueDate().toInstant()))
                        .toList());
        return Optional.of(new CaseloadPatient(
                patient.fhirId(),
                patient.displayName(),
                patient.nhsNumber(),
                assignment.startedAt(),
                next,
                nextContact,
                review,
                open));
    }
}
