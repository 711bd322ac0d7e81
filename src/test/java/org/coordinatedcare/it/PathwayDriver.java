package org.coordinatedcare.it;

import static org.coordinatedcare.FormAnswers.AGREE_CLOSURE;
import static org.coordinatedcare.FormAnswers.APPOINT_CARE_COORDINATOR;
import static org.coordinatedcare.FormAnswers.ASSIGN_NAMED_PROFESSIONAL;
import static org.coordinatedcare.FormAnswers.CONFIRM_REFERRALS;
import static org.coordinatedcare.FormAnswers.DECIDE_AFTER_NO_RESPONSE;
import static org.coordinatedcare.FormAnswers.DECIDE_FUNDING;
import static org.coordinatedcare.FormAnswers.HOLD_MDT_REVIEW;
import static org.coordinatedcare.FormAnswers.HOLISTIC_ASSESSMENT;
import static org.coordinatedcare.FormAnswers.RECORD_INVITATION_RESPONSE;
import static org.coordinatedcare.FormAnswers.RECORD_REFERRAL_OUTCOME;
import static org.coordinatedcare.FormAnswers.RECORD_REFERRAL_RESPONSE;
import static org.coordinatedcare.FormAnswers.SCHEDULE_COORDINATED_CARE;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.coordinatedcare.Diagram.CarePlanning;
import org.coordinatedcare.Diagram.CoordinatedCare;
import org.coordinatedcare.Diagram.MdtReview;
import org.coordinatedcare.FormAnswers;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Drives many pathways at once over the engine REST API, as the team and an operator would: it looks at what is open
 * (tasks each user sees, timers waiting, pathways not yet started), acts on all of it through a small thread pool,
 * and repeats until every pathway's episode is closed. It keeps no state of its own beyond the route each patient
 * takes, so it carries on unchanged when a node dies and comes back: a completion lost with the node leaves its task
 * open and is made again; one that committed has gone from the task list.
 *
 * <p>Two routes, both ending in closure and both crossing async continuations, timers and domain writes:
 * <ul>
 * <li>{@link Route#NO_RESPONSE}: named professional assigned, invitation letter, three reminder timers brought forward
 * (two reminder letters, then the named professional's decision), closure as declined. Two user tasks, three timers,
 * about ten jobs: the most jobs and timers per request, so most of the pathways take it.</li>
 * <li>{@link Route#FULL}: invitation accepted, holistic assessment, care-planning meeting (the plan shared with two
 * recipients), one social-prescribing referral tracked to its outcome, the MDT review timer brought forward, closure
 * agreed; a coordinator appointment, funding decision and schedule when the MDT's trigger rules fire for the person.</li>
 * </ul>
 */
final class PathwayDriver {

    enum Route {
        FULL,
        NO_RESPONSE
    }

    /** {@code patientId} is the register's row id, for our tables; the pathway is keyed by {@code fhirId} (ADR 0019). */
    record Pathway(long patientId, String fhirId, Route route) {
        String key() {
            return fhirId;
        }
    }

    private record Identity(long id, String fhirId) {}

    /** Who completes which tasks; each queries only their own keys, so no task is taken by two users. */
    private static final Map<String, List<String>> TEAM = Map.of(
            "drlee", List.of(CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL, CoordinatedCare.APPOINT_CARE_COORDINATOR),
            "coordsmith",
                    List.of(CoordinatedCare.RECORD_INVITATION_RESPONSE, CoordinatedCare.SCHEDULE_COORDINATED_CARE),
            "nurseokafor", List.of(CarePlanning.HOLISTIC_ASSESSMENT),
            "drpatel",
                    List.of(
                            CarePlanning.HOLD_CARE_PLANNING_MEETING,
                            CoordinatedCare.CONFIRM_REFERRALS,
                            MdtReview.HOLD_MDT_REVIEW,
                            CoordinatedCare.DECIDE_FUNDING,
                            CoordinatedCare.AGREE_CLOSURE,
                            CoordinatedCare.DECIDE_AFTER_NO_RESPONSE),
            "splwjones", List.of(CoordinatedCare.RECORD_REFERRAL_RESPONSE, CoordinatedCare.RECORD_REFERRAL_OUTCOME));

    private static final DateTimeFormatter REST_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final ItDatabase db;
    private final List<AppNode> nodes;
    private final List<Pathway> pathways;
    private final Map<Long, Pathway> byPatient;
    private final String allKeys;
    private final String fullRouteKeys;
    private final ExecutorService pool;
    private final AtomicInteger nodeTurn = new AtomicInteger();

    final AtomicInteger starts = new AtomicInteger();
    final AtomicInteger refusedStarts = new AtomicInteger();
    final AtomicInteger completions = new AtomicInteger();
    final AtomicInteger goneTasks = new AtomicInteger();
    final AtomicInteger timersBroughtForward = new AtomicInteger();
    final AtomicInteger unreachable = new AtomicInteger();
    final AtomicInteger serverErrors = new AtomicInteger();
    /** Answers that must never happen (refused input, forbidden): a test or application bug, reported at the end. */
    final Map<String, String> refusals = new ConcurrentHashMap<>();

    PathwayDriver(ItDatabase db, List<AppNode> nodes, List<Pathway> pathways, int threads) {
        this.db = db;
        this.nodes = nodes;
        this.pathways = pathways;
        this.byPatient = pathways.stream().collect(Collectors.toMap(Pathway::patientId, p -> p));
        this.allKeys = pathways.stream().map(Pathway::key).collect(Collectors.joining(","));
        this.fullRouteKeys = pathways.stream()
                .filter(p -> p.route() == Route.FULL)
                .map(Pathway::key)
                .collect(Collectors.joining(","));
        this.pool = Executors.newFixedThreadPool(threads);
    }

    /**
     * The living patients of practice A10001 without an episode, highest ids first (the demo identifies the first
     * few), every {@code fullEvery}th taking the full route.
     */
    static List<Pathway> choosePathways(ItDatabase db, int count, int fullEvery) {
        List<Identity> patients = db.jdbc.sql("""
                        select p.id, p.fhir_id from patient p join practice pr on pr.id = p.practice_id
                        where pr.ods_code = 'A10001' and not p.deceased
                          and not exists (select 1 from episode e where e.patient_id = p.id)
                        order by p.id desc""").query(Identity.class).list();
        if (patients.size() < count) {
            throw new AssertionError(
                    "Only " + patients.size() + " patients to identify; raise demo.patients-per-practice");
        }
        List<Pathway> chosen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Identity patient = patients.get(i);
            chosen.add(
                    new Pathway(patient.id(), patient.fhirId(), i % fullEvery == 0 ? Route.FULL : Route.NO_RESPONSE));
        }
        return chosen;
    }

    /** Rounds until every episode is closed or the time is up; true when all closed. */
    boolean driveToClosure(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Map<Long, Episode> episodes = episodes();
            if (episodes.size() == pathways.size() && episodes.values().stream().allMatch(Episode::closed)) {
                return true;
            }
            if (!refusals.isEmpty()) {
                return false; // the application refused a request it should take: no point going on
            }
            int actions = round(episodes);
            if (actions == 0) {
                AppNode.sleep(500);
            }
        }
        return false;
    }

    void shutdown() {
        pool.shutdownNow();
    }

    String progress() {
        Map<String, Long> byStatus =
                episodes().values().stream().collect(Collectors.groupingBy(e -> e.status, Collectors.counting()));
        return "episodes " + byStatus + ", starts " + starts + " (refused " + refusedStarts + "), completions "
                + completions + " (already gone " + goneTasks + "), timers brought forward " + timersBroughtForward
                + ", unreachable " + unreachable + ", conflicts and server errors " + serverErrors
                + (refusals.isEmpty() ? "" : ", refused " + refusals);
    }

    int completionsSoFar() {
        return completions.get();
    }

    record Episode(long patientId, String status, String processInstanceId) {
        boolean closed() {
            return "CLOSED".equals(status);
        }
    }

    private Map<Long, Episode> episodes() {
        Map<Long, Episode> episodes = new HashMap<>();
        db
                .jdbc
                .sql("select patient_id, status, process_instance_id from episode order by id")
                .query((row, n) -> new Episode(row.getLong(1), row.getString(2), row.getString(3)))
                .list()
                .stream()
                .filter(e -> byPatient.containsKey(e.patientId()))
                .forEach(e -> episodes.put(e.patientId(), e));
        return episodes;
    }

    /** One look at everything open, and the actions it calls for, run in parallel; answers how many were taken. */
    private int round(Map<Long, Episode> episodes) {
        List<Supplier<Object>> actions = new ArrayList<>();
        for (Pathway pathway : pathways) {
            if (!episodes.containsKey(pathway.patientId())) {
                actions.add(() -> start(pathway));
            }
        }
        TEAM.forEach((user, keys) -> {
            for (JsonNode task : openTasks(user, keys)) {
                actions.add(() -> complete(
                        user,
                        task.get("id").asText(),
                        task.get("taskDefinitionKey").asText()));
            }
        });
        Map<String, Pathway> byInstance = new HashMap<>();
        episodes.values().forEach(e -> byInstance.put(e.processInstanceId(), byPatient.get(e.patientId())));
        for (String timer : timersToBringForward(byInstance)) {
            actions.add(() -> bringForward(timer));
        }
        List<Future<Object>> running =
                actions.stream().map(a -> pool.submit(a::get)).toList();
        for (Future<Object> action : running) {
            try {
                action.get();
            } catch (Exception e) {
                throw new IllegalStateException("driver action failed", e);
            }
        }
        return actions.size();
    }

    private Object start(Pathway pathway) {
        call(node -> {
            EngineRestClient.Reply reply = node.rest()
                    .post(
                            "drlee",
                            "/engine-rest/message",
                            Map.of(
                                    "messageName",
                                    "PatientIdentified",
                                    "businessKey",
                                    pathway.key(),
                                    "processVariables",
                                    Map.of("patientId", Map.of("value", pathway.key())),
                                    "resultEnabled",
                                    true));
            if (reply.status() == 200) {
                starts.incrementAndGet();
            } else if (String.valueOf(reply.body()).contains("already has an active")) {
                refusedStarts.incrementAndGet(); // an earlier start, lost in a crash as far as we knew, had committed
            } else {
                unexpected("start " + pathway.key(), reply);
            }
        });
        return null;
    }

    private List<JsonNode> openTasks(String user, List<String> keys) {
        // only this run's patients (the demo has its own), and only full-route ones answer their invitation
        String filter = "&processInstanceBusinessKeyIn="
                + (keys.contains(CoordinatedCare.RECORD_INVITATION_RESPONSE) ? fullRouteKeys : allKeys);
        List<JsonNode> open = new ArrayList<>();
        call(node -> {
            EngineRestClient.Reply reply = node.rest()
                    .get(
                            user,
                            "/engine-rest/task?taskDefinitionKeyIn=" + String.join(",", keys) + filter
                                    + "&firstResult=0&maxResults=2000");
            if (reply.status() == 200) {
                open.addAll(EngineRestClient.iterate(reply.body()));
            } else {
                unexpected("task query as " + user, reply);
            }
        });
        return open;
    }

    private Object complete(String user, String taskId, String taskDefinitionKey) {
        call(node -> {
            EngineRestClient.Reply reply = node.rest().submit(user, taskId, form(taskDefinitionKey));
            if (reply.status() >= 200 && reply.status() < 300) {
                completions.incrementAndGet();
            } else if (reply.status() == 404) {
                goneTasks.incrementAndGet(); // completed by a request whose answer was lost with a node
            } else {
                unexpected(taskDefinitionKey + " as " + user, reply);
            }
        });
        return null;
    }

    /**
     * Reminder timers of no-response pathways, and the MDT review timer of full pathways once their referral is
     * concluded and nothing else of theirs is pending (so the review never races the referral's last step).
     */
    private List<String> timersToBringForward(Map<String, Pathway> byInstance) {
        OffsetDateTime soon = OffsetDateTime.now().plusHours(1);
        Map<String, Integer> otherJobs = new HashMap<>();
        db.jdbc
                .sql("""
                        select j.process_instance_id_, count(*) from act_ru_job j
                        left join act_ru_jobdef d on d.id_ = j.job_def_id_
                        where coalesce(d.act_id_, '') <> 'Timer_MdtReviewDue' group by j.process_instance_id_""")
                .query((row, n) -> otherJobs.put(row.getString(1), row.getInt(2)))
                .list();
        Set<String> concludedReferrals =
                Set.copyOf(db.jdbc.sql("""
                        select e.process_instance_id from episode e
                        where exists (select 1 from referral r where r.episode_id = e.id and r.status = 'COMPLETED')""").query(String.class).list());
        List<String> timers = new ArrayList<>();
        for (String activity :
                List.of(CoordinatedCare.TIMER_INVITATION_REMINDER_DUE, CoordinatedCare.TIMER_MDT_REVIEW_DUE)) {
            call(node -> {
                EngineRestClient.Reply reply = node.rest()
                        .get(
                                "admin",
                                "/engine-rest/job?timers=true&activityId=" + activity
                                        + "&firstResult=0&maxResults=2000");
                if (reply.status() != 200) {
                    unexpected("timer query", reply);
                    return;
                }
                for (JsonNode job : reply.body()) {
                    String instance = job.get("processInstanceId").asText();
                    Pathway pathway = byInstance.get(instance);
                    boolean waiting = OffsetDateTime.parse(job.get("dueDate").asText(), REST_DATE)
                            .isAfter(soon);
                    boolean due = activity.equals(CoordinatedCare.TIMER_INVITATION_REMINDER_DUE)
                            ? pathway != null && pathway.route() == Route.NO_RESPONSE
                            : pathway != null
                                    && concludedReferrals.contains(instance)
                                    && !otherJobs.containsKey(instance);
                    if (waiting && due) {
                        timers.add(job.get("id").asText());
                    }
                }
            });
        }
        return timers;
    }

    /** As an operator does in Cockpit: the timer's due date becomes now, and whichever job executor is first runs it. */
    private Object bringForward(String jobId) {
        call(node -> {
            EngineRestClient.Reply reply = node.rest()
                    .put(
                            "admin",
                            "/engine-rest/job/" + jobId + "/duedate",
                            Map.of("duedate", OffsetDateTime.now(ZoneOffset.UTC).format(REST_DATE)));
            if (reply.status() == 204) {
                timersBroughtForward.incrementAndGet();
            } else if (reply.status() == 404) {
                goneTasks.incrementAndGet();
            } else {
                unexpected("due date of job " + jobId, reply);
            }
        });
        return null;
    }

    /** The form each task gets; checklists go as JSON, as Tasklist sends them. */
    private static Map<String, Object> form(String taskDefinitionKey) {
        // the route every pathway takes: social needs, one plan action shared with two, one referral, closure at MDT
        return switch (taskDefinitionKey) {
            case CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL ->
                FormAnswers.with(ASSIGN_NAMED_PROFESSIONAL, "namedProfessional", "drpatel");
            case CoordinatedCare.RECORD_INVITATION_RESPONSE ->
                FormAnswers.with(
                        RECORD_INVITATION_RESPONSE,
                        "meetingDate",
                        LocalDate.now().plusDays(7).toString());
            case CarePlanning.HOLISTIC_ASSESSMENT -> FormAnswers.with(HOLISTIC_ASSESSMENT, "hasSocialNeeds", true);
            case CarePlanning.HOLD_CARE_PLANNING_MEETING ->
                FormAnswers.carePlanWithOneAction("sharedWith", List.of("PATIENT", "GP"));
            case CoordinatedCare.CONFIRM_REFERRALS ->
                FormAnswers.with(CONFIRM_REFERRALS, "referralTypes", List.of("SOCIAL_PRESCRIBING"));
            case CoordinatedCare.RECORD_REFERRAL_RESPONSE -> FormAnswers.of(RECORD_REFERRAL_RESPONSE);
            case CoordinatedCare.RECORD_REFERRAL_OUTCOME -> FormAnswers.of(RECORD_REFERRAL_OUTCOME);
            case MdtReview.HOLD_MDT_REVIEW ->
                FormAnswers.with(
                        HOLD_MDT_REVIEW, "needTrend", "stable", "agenciesInvolved", 1, "mdtOutcome", "proposeClosure");
            case CoordinatedCare.APPOINT_CARE_COORDINATOR ->
                FormAnswers.with(APPOINT_CARE_COORDINATOR, "careCoordinator", "coordsmith");
            case CoordinatedCare.DECIDE_FUNDING -> FormAnswers.of(DECIDE_FUNDING);
            case CoordinatedCare.SCHEDULE_COORDINATED_CARE -> FormAnswers.of(SCHEDULE_COORDINATED_CARE);
            case CoordinatedCare.AGREE_CLOSURE -> FormAnswers.of(AGREE_CLOSURE);
            case CoordinatedCare.DECIDE_AFTER_NO_RESPONSE ->
                FormAnswers.with(DECIDE_AFTER_NO_RESPONSE, "nextStep", "close");
            default -> throw new IllegalStateException("The driver has no form for " + taskDefinitionKey);
        };
    }

    private interface NodeCall {
        void on(AppNode node);
    }

    /** Spreads requests over the nodes; a node that does not answer (killed, restarting) is counted and skipped. */
    private void call(NodeCall call) {
        AppNode node = nodes.get(Math.floorMod(nodeTurn.getAndIncrement(), nodes.size()));
        try {
            call.on(node);
        } catch (IllegalStateException unreachableNode) {
            unreachable.incrementAndGet();
            AppNode.sleep(200);
        }
    }

    private void unexpected(String what, EngineRestClient.Reply reply) {
        if (reply.status() >= 500 || reply.status() == 409) {
            serverErrors.incrementAndGet(); // e.g. a concurrent update: the next round looks again
        } else {
            refusals.putIfAbsent(what, reply.status() + " " + reply.body());
        }
    }
}
