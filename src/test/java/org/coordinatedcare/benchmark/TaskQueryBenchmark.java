package org.coordinatedcare.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.coordinatedcare.Diagram.Messages;
import org.coordinatedcare.tasklist.TaskListQueryPlans;
import org.coordinatedcare.worklist.Worklist;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Task queries with many open tasks: N coordinated-care pathways waiting at their first user task ("Assign named
 * professional", candidate group {@code clinical-lead-P000nn}) spread over 20 practices, started by the real
 * PatientIdentified message with the real delegates and listeners; and beside them, in the same database, N instances
 * of a bare process with one user task (same due date expression, candidate groups {@code clinical-lead-Q000nn},
 * no listeners, only the {@code practiceCode} its candidate group needs and the {@code patientLabel} the Tasklist
 * filter shows).
 * <p>
 * Ours and the floor share one database rather than two fresh ones: both queries then run against the same table
 * sizes, statistics, caches and JVM, and are interleaved repetition by repetition, so drift on this shared machine
 * hits both alike. The group sets are disjoint, so each practice's user sees its own N/20 tasks and nothing else.
 * <p>
 * Measured over HTTP as a user of one practice (Camunda authorization on, groups set per request as Tasklist's
 * requests are): (a) what Tasklist sends for its "My group's tasks" filter, {@code POST /engine-rest/filter/{id}/list}
 * with HAL (first 15 sorted by due date, the count, and the filter's {@code patientLabel} variable); (b) our
 * {@code GET /api/worklist?size=15}.
 */
final class TaskQueryBenchmark {

    static final int PRACTICES = 20;
    /** Tasklist, worklist, in-process filter and worklist, and the query without authorization; ours and floor each. */
    private static final int KINDS = 10;

    private static final String PASSWORD = "benchmark-password";
    private static final String FILTER = "My group's tasks";

    record Percentiles(double p50, double p95) {}

    record Result(
            int tasks,
            Percentiles tasklistOurs,
            Percentiles tasklistFloor,
            Percentiles worklistOurs,
            Percentiles worklistFloor,
            Percentiles engineFilterOurs,
            Percentiles engineFilterFloor,
            Percentiles engineWorklistOurs,
            Percentiles engineWorklistFloor,
            Percentiles unauthorizedOurs,
            Percentiles unauthorizedFloor,
            long tasklistCountOurs,
            long tasklistCountFloor,
            int labelsOurs,
            int labelsFloor,
            double setUpSeconds) {}

    private final ConfigurableApplicationContext app;
    private final JdbcTemplate jdbc;
    private final RuntimeService runtime;
    private final TransactionTemplate transaction;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;

    private TaskQueryBenchmark(ConfigurableApplicationContext app) {
        this.app = app;
        this.jdbc = app.getBean(JdbcTemplate.class);
        this.runtime = app.getBean(ProcessEngine.class).getRuntimeService();
        this.transaction = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
        this.base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    }

    static Result measure(int tasks, int warmUp, int repetitions) throws Exception {
        String url = BenchmarkDatabase.fresh("coordinated_care_bench_tasks");
        try (ConfigurableApplicationContext app = PathwayBenchmark.boot(url, "full")) {
            TaskQueryBenchmark benchmark = new TaskQueryBenchmark(app);
            long start = System.nanoTime();
            benchmark.populate(tasks);
            benchmark.startPathways(tasks);
            benchmark.startBareTasks(tasks);
            benchmark.jdbc.execute("analyze");
            double setUp = (System.nanoTime() - start) / 1e9;
            benchmark.users();
            return benchmark.run(tasks, warmUp, repetitions, setUp);
        }
    }

    /** Practices, a lead GP each (offered by the first task's listener) and patients with three conditions: plain SQL. */
    private void populate(int patients) {
        jdbc.update("""
                insert into practice (ods_code, name, neighbourhood)
                select 'P' || lpad(g::text, 5, '0'), 'Benchmark Practice ' || g, 'Neighbourhood ' || g
                from generate_series(1, ?) g""", PRACTICES);
        jdbc.update("""
                insert into professional (practice_id, role, given_name, family_name, login_id, clinical_lead)
                select id, 'GP', 'Lead', ods_code, 'lead-' || lower(ods_code), true from practice where ods_code like 'P%'""");
        jdbc.update("""
                insert into patient (given_name, family_name, birth_date, practice_id, fhir_id)
                select 'Bench', 'Patient' || g, date '1940-01-01' + (g % 20000),
                       (select id from practice where ods_code = 'P' || lpad((1 + g % ?)::text, 5, '0')),
                       'bench-' || g
                from generate_series(1, ?) g""", PRACTICES, patients);
        jdbc.update("""
                insert into patient_condition (patient_id, snomed_code, description, onset_date)
                select p.id, c.code, c.code, date '2015-01-01' from patient p
                cross join (values ('38341003'), ('44054006'), ('13645005')) as c(code)""");
    }

    /** PatientIdentified for every patient, two threads, 50 starts per commit. */
    private void startPathways(int count) throws Exception {
        // keyed by FHIR id, as every start is (ADR 0019)
        List<String> patients = jdbc.queryForList("select fhir_id from patient order by id", String.class);
        inBatches(count, "pathways", i -> {
            String key = patients.get(i);
            runtime.createMessageCorrelation(Messages.PATIENT_IDENTIFIED)
                    .processInstanceBusinessKey(key)
                    .setVariable("patientId", key)
                    .correlateStartMessage();
        });
    }

    private void startBareTasks(int count) throws Exception {
        app.getBean(ProcessEngine.class)
                .getRepositoryService()
                .createDeployment()
                .addModelInstance(
                        "bare-task.bpmn",
                        Bpmn.createExecutableProcess("bare-task")
                                .camundaHistoryTimeToLive(180)
                                .startEvent()
                                .userTask("Task_Bare")
                                .name("Bare task")
                                .camundaCandidateGroups("clinical-lead-${practiceCode}")
                                .camundaDueDate("${dateTime().plusDays(5).toDate()}")
                                .endEvent()
                                .done())
                .deploy();
        inBatches(
                count,
                "bare tasks",
                i -> runtime.startProcessInstanceByKey(
                        "bare-task",
                        "bare-" + i,
                        Map.of(
                                "practiceCode",
                                "Q" + String.format(Locale.ROOT, "%05d", 1 + i % PRACTICES),
                                "patientLabel",
                                "Bare Patient" + i + ", born 1 Jan 1950")));
    }

    private void inBatches(int count, String what, IntConsumer start) throws Exception {
        int batch = 50;
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        long began = System.nanoTime();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            running.add(threads.submit(() -> {
                int from;
                while ((from = next.getAndAdd(batch)) < count) {
                    int first = from;
                    transaction.executeWithoutResult(status -> {
                        for (int i = first; i < Math.min(first + batch, count); i++) {
                            start.accept(i);
                        }
                    });
                    int total = done.addAndGet(Math.min(batch, count - first));
                    if (total % 10_000 < batch) {
                        System.out.printf(
                                Locale.ROOT,
                                "  %d %s started in %.0f s%n",
                                total,
                                what,
                                (System.nanoTime() - began) / 1e9);
                    }
                }
                return null;
            }));
        }
        threads.shutdown();
        for (Future<?> future : running) {
            future.get();
        }
    }

    /** A clinical lead of practice P00001 (ours) and of Q00001 (floor), each also a GP there, as real leads are. */
    private void users() {
        IdentityService identity = app.getBean(IdentityService.class);
        for (String practice : List.of("P00001", "Q00001")) {
            User user = identity.newUser(userOf(practice));
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            for (String group : groupsOf(practice)) {
                if (identity.createGroupQuery().groupId(group).count() == 0) {
                    identity.saveGroup(identity.newGroup(group));
                }
                identity.createMembership(user.getId(), group);
            }
        }
    }

    private static List<String> groupsOf(String practice) {
        return List.of("clinical-lead", "gp", "clinical-lead-" + practice, "gp-" + practice);
    }

    private static String userOf(String practice) {
        return "lead-" + practice.toLowerCase(Locale.ROOT);
    }

    private Result run(int tasks, int warmUp, int repetitions, double setUp) throws Exception {
        String filterId = app.getBean(FilterService.class)
                .createFilterQuery()
                .filterName(FILTER)
                .singleResult()
                .getId();
        String ours = userOf("P00001");
        String floor = userOf("Q00001");
        JsonNode tasklistOurs = tasklist(filterId, ours);
        JsonNode tasklistFloor = tasklist(filterId, floor);
        check(worklist(ours), "worklist ours");
        check(worklist(floor), "worklist floor");
        for (int i = 0; i < warmUp; i++) {
            tasklist(filterId, ours);
            tasklist(filterId, floor);
            worklist(ours);
            worklist(floor);
        }
        for (int i = 0; i < warmUp; i++) {
            for (int which = 4; which < KINDS; which++) {
                query(which, filterId, ours, floor);
            }
        }
        long[][] nanos = new long[KINDS][repetitions];
        for (int i = 0; i < repetitions; i++) {
            // a different order each time, so neither side always runs right after the other
            int shift = i % KINDS;
            for (int k = 0; k < KINDS; k++) {
                int which = (k + shift) % KINDS;
                long start = System.nanoTime();
                query(which, filterId, ours, floor);
                nanos[which][i] = System.nanoTime() - start;
            }
        }
        return new Result(
                tasks,
                percentiles(nanos[0]),
                percentiles(nanos[1]),
                percentiles(nanos[2]),
                percentiles(nanos[3]),
                percentiles(nanos[4]),
                percentiles(nanos[5]),
                percentiles(nanos[6]),
                percentiles(nanos[7]),
                percentiles(nanos[8]),
                percentiles(nanos[9]),
                tasklistOurs.path("count").asLong(),
                tasklistFloor.path("count").asLong(),
                labels(tasklistOurs),
                labels(tasklistFloor),
                setUp);
    }

    /** One query of a kind: even kinds are ours, odd ones the floor's. */
    private void query(int which, String filterId, String ours, String floor) throws Exception {
        switch (which) {
            case 0 -> tasklist(filterId, ours);
            case 1 -> tasklist(filterId, floor);
            case 2 -> worklist(ours);
            case 3 -> worklist(floor);
            case 8, 9 -> withoutAuthorization(which == 8 ? "P00001" : "Q00001");
            default -> inProcess(which, filterId, ours, floor);
        }
    }

    /**
     * The same two queries without HTTP, to tell the engine's share from the web layer's: the filter's list page,
     * count and variable query as FilterResourceImpl runs them, and the worklist service method, each as the user.
     */
    private void inProcess(int which, String filterId, String ours, String floor) {
        String user = which % 2 == 0 ? ours : floor;
        String practice = which % 2 == 0 ? "P00001" : "Q00001";
        IdentityService identity = app.getBean(IdentityService.class);
        identity.setAuthentication(user, groupsOf(practice));
        try {
            if (which < 6) {
                FilterService filters = app.getBean(FilterService.class);
                List<Task> page = filters.listPage(filterId, 0, 15);
                filters.count(filterId);
                List<String> scopes = new ArrayList<>();
                page.forEach(task -> {
                    scopes.add(task.getId());
                    scopes.add(task.getExecutionId());
                    scopes.add(task.getProcessInstanceId());
                });
                runtime.createVariableInstanceQuery()
                        .disableBinaryFetching()
                        .disableCustomObjectDeserialization()
                        .variableNameIn("patientLabel")
                        .variableScopeIdIn(scopes.toArray(String[]::new))
                        .unlimitedList();
                if (page.size() != 15) {
                    throw new IllegalStateException("Filter page of " + page.size() + " for " + user);
                }
            } else if (app.getBean(Worklist.class).page(0, 15).items().size() != 15) {
                throw new IllegalStateException("Worklist page not full for " + user);
            }
        } finally {
            identity.clearAuthentication();
        }
    }

    /**
     * What no authorization model can beat: the filter's query for the practice's groups (unassigned, first 15 by due
     * date, the count and the page's labels) with no user authenticated, so the engine adds no authorization check.
     * Planned as {@code TaskListQueryPlans} plans Tasklist's requests, in a read-only transaction with custom plans.
     */
    private void withoutAuthorization(String practice) {
        transaction.execute(status -> {
            jdbc.queryForList(TaskListQueryPlans.PLAN_WITH_VALUES);
            TaskService tasks = app.getBean(TaskService.class);
            TaskQuery query = tasks.createTaskQuery()
                    .taskCandidateGroupIn(groupsOf(practice))
                    .taskUnassigned()
                    .orderByDueDate()
                    .asc();
            List<Task> page = query.listPage(0, 15);
            query.count();
            runtime.createVariableInstanceQuery()
                    .disableBinaryFetching()
                    .disableCustomObjectDeserialization()
                    .variableNameIn("patientLabel")
                    .variableScopeIdIn(page.stream()
                            .flatMap(
                                    task -> Stream.of(task.getId(), task.getExecutionId(), task.getProcessInstanceId()))
                            .toArray(String[]::new))
                    .unlimitedList();
            if (page.size() != 15) {
                throw new IllegalStateException("Page of " + page.size() + " without authorization for " + practice);
            }
            status.setRollbackOnly();
            return null;
        });
    }

    /** What Tasklist sends when a user opens the filter: first page of 15, sorted by due date, as HAL. */
    private JsonNode tasklist(String filterId, String user) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(base + "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15"))
                .header("Authorization", basic(user))
                .header("Accept", "application/hal+json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"sorting\":[{\"sortBy\":\"dueDate\",\"sortOrder\":\"asc\"}]}"))
                .build();
        JsonNode body = send(request);
        if (body.path("_embedded").path("task").size() != 15) {
            throw new IllegalStateException("Tasklist filter gave "
                    + body.path("_embedded").path("task").size() + " tasks to " + user + ": " + body);
        }
        return body;
    }

    private JsonNode worklist(String user) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/worklist?size=15"))
                .header("Authorization", basic(user))
                .GET()
                .build());
    }

    private JsonNode send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    private static void check(JsonNode worklist, String what) {
        JsonNode items = worklist.path("items");
        if (items.size() != 15 || items.get(0).path("patientLabel").isMissingNode()) {
            throw new IllegalStateException(what + " is not a full page with patient labels: " + worklist);
        }
    }

    /** How many of the page's tasks came with the filter's patientLabel variable embedded. */
    private static int labels(JsonNode tasklist) {
        int labelled = 0;
        for (JsonNode task : tasklist.path("_embedded").path("task")) {
            for (JsonNode variable : task.path("_embedded").path("variable")) {
                if ("patientLabel".equals(variable.path("name").asText())) {
                    labelled++;
                }
            }
        }
        return labelled;
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static Percentiles percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Percentiles(
                sorted[(int) Math.ceil(sorted.length * 0.50) - 1] / 1e6,
                sorted[(int) Math.ceil(sorted.length * 0.95) - 1] / 1e6);
    }
}
