package org.coordinatedcare.benchmark;

import static org.coordinatedcare.FormAnswers.AGREE_CLOSURE;
import static org.coordinatedcare.FormAnswers.ASSIGN_NAMED_PROFESSIONAL;
import static org.coordinatedcare.FormAnswers.CONFIRM_REFERRALS;
import static org.coordinatedcare.FormAnswers.HOLD_MDT_REVIEW;
import static org.coordinatedcare.FormAnswers.HOLISTIC_ASSESSMENT;
import static org.coordinatedcare.FormAnswers.RECORD_INVITATION_RESPONSE;
import static org.coordinatedcare.FormAnswers.RECORD_REFERRAL_OUTCOME;
import static org.coordinatedcare.FormAnswers.RECORD_REFERRAL_RESPONSE;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.coordinatedcare.CoordinatedCareApplication;
import org.coordinatedcare.Diagram.CarePlanning;
import org.coordinatedcare.Diagram.CoordinatedCare;
import org.coordinatedcare.Diagram.MdtReview;
import org.coordinatedcare.Diagram.Messages;
import org.coordinatedcare.FormAnswers;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Pathway throughput beside its floor: N patients driven from PatientIdentified to closure through the Java API (every
 * service task, decision and domain write), and N instances of a bare process with the same number of user tasks and
 * no domain work, on the same engine and database. Jobs run in the driving thread, as the job executor would run them,
 * so the figure is the engine's and our work, not the executor's polling. Every task, ours and the floors', is
 * completed as Tasklist completes it: its answers submitted through the form service. See {@link #measure} for how
 * counts and times are taken.
 */
final class PathwayBenchmark {

    /** The user tasks one patient's pathway passes in the measured path. */
    static final List<String> USER_TASKS = List.of(
            CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL,
            CoordinatedCare.RECORD_INVITATION_RESPONSE,
            CarePlanning.HOLISTIC_ASSESSMENT,
            CarePlanning.HOLD_CARE_PLANNING_MEETING,
            CoordinatedCare.CONFIRM_REFERRALS,
            CoordinatedCare.RECORD_REFERRAL_RESPONSE,
            CoordinatedCare.RECORD_REFERRAL_OUTCOME,
            MdtReview.HOLD_MDT_REVIEW,
            CoordinatedCare.AGREE_CLOSURE);

    record Result(
            String historyLevel,
            int pathways,
            double oursMs,
            double bareMs,
            double shapedMs,
            double oursHistoryRows,
            double bareHistoryRows,
            Trips ours,
            Trips bare,
            Trips shaped) {}

    /** Statements sent and transactions committed per pathway. */
    record Trips(double statements, double commits) {}

    private final ProcessEngine engine;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final FormService forms;
    private final ManagementService management;
    private final JdbcTemplate jdbc;

    private PathwayBenchmark(ConfigurableApplicationContext app) {
        this.engine = app.getBean(ProcessEngine.class);
        this.runtime = engine.getRuntimeService();
        this.tasks = engine.getTaskService();
        this.forms = engine.getFormService();
        this.management = engine.getManagementService();
        this.jdbc = app.getBean(JdbcTemplate.class);
    }

    static ConfigurableApplicationContext boot(String url, String historyLevel) {
        return boot(url, historyLevel, new RoundTrips());
    }

    static ConfigurableApplicationContext boot(
            String url, String historyLevel, RoundTrips roundTrips, String... moreArguments) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--camunda.bpm.admin-user.password=benchmark-administrator",
                "--camunda.bpm.job-execution.enabled=false",
                "--camunda.bpm.history-level=" + historyLevel,
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--logging.level.org.coordinatedcare=WARN"));
        arguments.addAll(List.of(moreArguments));
        return new SpringApplicationBuilder(CoordinatedCareApplication.class)
                .initializers(context -> context.getBeanFactory().addBeanPostProcessor(roundTrips))
                .profiles("postgres")
                .run(arguments.toArray(String[]::new));
    }

    /** Pathways of each kind in the counting pass; the counts are the same for every pathway, so a few suffice. */
    static final int COUNTED = 100;
    /** Pathways of one kind timed in a row before the next kind takes its turn. */
    static final int ROUND = 50;

    /**
     * Counts first, then times. The counting pass drives {@link #COUNTED} pathways of each kind one kind after the
     * other, reading the statements, commits, history rows and table counters each kind adds. The timing pass drives
     * {@code pathways} of each kind in rounds of {@link #ROUND}, the kinds taking turns in a rotating order, so a
     * change in the machine's speed during the run falls on ours and on both floors alike.
     */
    static Result measure(String historyLevel, int pathways, int warmUp) {
        String url = BenchmarkDatabase.fresh("coordinated_care_bench_" + historyLevel.replace('-', '_'));
        RoundTrips trips = new RoundTrips();
        int counted = Math.min(COUNTED, pathways);
        try (ConfigurableApplicationContext app = boot(url, historyLevel, trips)) {
            PathwayBenchmark benchmark = new PathwayBenchmark(app);
            List<String> patients = benchmark.population(warmUp + counted + pathways);
            benchmark.deployBareProcess();
            benchmark.deployShapedProcess();
            // ours, bare, engine-shaped: the i-th pathway of each kind, numbered through warm-up, counting and timing
            List<LongConsumer> kinds = List.of(
                    i -> benchmark.drivePathway(patients.get((int) i)),
                    i -> benchmark.driveBare("bare-" + i),
                    i -> benchmark.driveShaped("shaped-" + i));
            for (int i = 0; i < warmUp; i++) {
                for (LongConsumer kind : kinds) {
                    kind.accept(i);
                }
            }

            Trips[] kindTrips = new Trips[kinds.size()];
            long[] historyRows = new long[kinds.size()];
            TableActivity[] activity = new TableActivity[kinds.size() + 1];
            activity[0] = TableActivity.read(benchmark.jdbc);
            List<Map<String, Long>> bySql = new ArrayList<>(List.of(trips.statementsBySql()));
            for (int kind = 0; kind < kinds.size(); kind++) {
                trace("kind " + kind + " counted");
                long historyBefore = benchmark.historyRows();
                long[] start = {trips.statements.get(), trips.commits.get()};
                benchmark.time(warmUp, warmUp + counted, kinds.get(kind));
                kindTrips[kind] = trips.since(start, counted);
                historyRows[kind] = benchmark.historyRows() - historyBefore;
                activity[kind + 1] = TableActivity.read(benchmark.jdbc);
                bySql.add(trips.statementsBySql());
            }
            if (Boolean.getBoolean("benchmark.statements")) {
                System.out.printf(
                        "%nStatements per pathway by kind, history %s (ours | bare | engine-shaped), most above"
                                + " the engine-shaped first:%n",
                        historyLevel);
                System.out.print(RoundTrips.compare(bySql, counted));
            }
            System.out.printf(
                    "%nWhere a pathway's database work goes, history %s (per pathway; ours | bare):%n", historyLevel);
            System.out.print(
                    TableActivity.compare(activity[1].minus(activity[0]), activity[2].minus(activity[1]), counted));

            trace("timed rounds begin");
            int firstTimed = warmUp + counted;
            long[] nanos = new long[kinds.size()];
            for (int from = firstTimed, round = 0; from < firstTimed + pathways; from += ROUND, round++) {
                int to = Math.min(firstTimed + pathways, from + ROUND);
                for (int turn = 0; turn < kinds.size(); turn++) {
                    int kind = (round + turn) % kinds.size();
                    nanos[kind] += benchmark.time(from, to, kinds.get(kind));
                }
            }
            long closed = benchmark.jdbc.queryForObject(
                    "select count(*) from episode where status = 'CLOSED' and closure_reason = 'NEEDS_STABLE'",
                    Long.class);
            if (closed != patients.size()) {
                throw new IllegalStateException("Only " + closed + " of " + patients.size() + " pathways closed");
            }
            return new Result(
                    historyLevel,
                    pathways,
                    nanos[0] / 1e6 / pathways,
                    nanos[1] / 1e6 / pathways,
                    nanos[2] / 1e6 / pathways,
                    (double) historyRows[0] / counted,
                    (double) historyRows[1] / counted,
                    kindTrips[0],
                    kindTrips[1],
                    kindTrips[2]);
        }
    }

    /** With -Dbenchmark.trace=true (and the engine's SQL log on), marks where each measurement starts in the log. */
    private static void trace(String mark) {
        if (Boolean.getBoolean("benchmark.trace")) {
            System.out.println("#### " + mark);
        }
    }

    private long time(int from, int to, LongConsumer work) {
        long start = System.nanoTime();
        for (long i = from; i < to; i++) {
            work.accept(i);
        }
        return System.nanoTime() - start;
    }

    /** A practice, its team and patients with three long-term conditions, written with plain SQL. */
    /** The patients' FHIR ids, by which their pathways are keyed (ADR 0019). */
    private List<String> population(int count) {
        jdbc.update(
                "insert into practice (ods_code, name, neighbourhood) values ('B00001', 'Benchmark Surgery', 'Borough')");
        long practice = jdbc.queryForObject("select id from practice where ods_code = 'B00001'", Long.class);
        String[][] team = {
            {"GP", "bgp", "false"},
            {"GP", "blead", "true"},
            {"PRACTICE_NURSE", "bnurse", "false"},
            {"CARE_COORDINATOR", "bcoord", "false"},
            {"SOCIAL_PRESCRIBING_LINK_WORKER", "bsplw", "false"}
        };
        for (String[] member : team) {
            jdbc.update(
                    "insert into professional (practice_id, role, given_name, family_name, login_id, clinical_lead) "
                            + "values (?, ?, 'Bench', 'Mark', ?, ?)",
                    practice,
                    member[0],
                    member[1],
                    Boolean.parseBoolean(member[2]));
        }
        for (int i = 0; i < count; i++) {
            jdbc.update(
                    "insert into patient (given_name, family_name, birth_date, practice_id, fhir_id)"
                            + " values ('Bench', ?, ?, ?, ?)",
                    "Patient" + i,
                    LocalDate.of(1950, 1, 1),
                    practice,
                    "bench-" + i);
        }
        jdbc.update("""
                insert into patient_condition (patient_id, snomed_code, description, onset_date)
                select p.id, c.code, c.code, date '2015-01-01' from patient p
                cross join (values ('38341003'), ('44054006'), ('13645005')) as c(code)""");
        return jdbc.queryForList("select fhir_id from patient order by id", String.class);
    }

    private void drivePathway(String key) {
        runtime.createMessageCorrelation(Messages.PATIENT_IDENTIFIED)
                .processInstanceBusinessKey(key)
                .setVariable("patientId", key)
                .correlateStartMessage();
        runJobs();
        String today = LocalDate.now().toString();
        complete(
                key,
                CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL,
                FormAnswers.with(ASSIGN_NAMED_PROFESSIONAL, "namedProfessional", "bgp"));
        complete(
                key,
                CoordinatedCare.RECORD_INVITATION_RESPONSE,
                FormAnswers.with(RECORD_INVITATION_RESPONSE, "meetingDate", today));
        complete(key, CarePlanning.HOLISTIC_ASSESSMENT, FormAnswers.with(HOLISTIC_ASSESSMENT, "hasSocialNeeds", true));
        // the measured work: one plan action, one share
        complete(
                key,
                CarePlanning.HOLD_CARE_PLANNING_MEETING,
                FormAnswers.carePlanWithOneAction("sharedWith", List.of("PATIENT")));
        complete(
                key,
                CoordinatedCare.CONFIRM_REFERRALS,
                FormAnswers.with(CONFIRM_REFERRALS, "referralTypes", List.of("SOCIAL_PRESCRIBING")));
        complete(key, CoordinatedCare.RECORD_REFERRAL_RESPONSE, FormAnswers.of(RECORD_REFERRAL_RESPONSE));
        complete(key, CoordinatedCare.RECORD_REFERRAL_OUTCOME, FormAnswers.of(RECORD_REFERRAL_OUTCOME));
        // one pathway at a time, so the only MDT timer is this patient's
        Job timer = management
                .createJobQuery()
                .activityId(CoordinatedCare.TIMER_MDT_REVIEW_DUE)
                .singleResult();
        management.executeJob(timer.getId());
        runJobs();
        complete(
                key,
                MdtReview.HOLD_MDT_REVIEW,
                FormAnswers.with(
                        HOLD_MDT_REVIEW, "meetingDate", today, "agenciesInvolved", 1, "mdtOutcome", "proposeClosure"));
        complete(key, CoordinatedCare.AGREE_CLOSURE, FormAnswers.of(AGREE_CLOSURE));
    }

    private void deployBareProcess() {
        AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess("bare-pathway")
                .camundaHistoryTimeToLive(180)
                .startEvent();
        for (String task : USER_TASKS) {
            flow = flow.userTask(task).camundaCandidateGroups("gp-B00001");
        }
        BpmnModelInstance model = flow.endEvent().done();
        engine.getRepositoryService()
                .createDeployment()
                .addModelInstance("bare-pathway.bpmn", model)
                .deploy();
    }

    /** The user tasks of the engine-shaped process, in the order they are completed. */
    private static final List<String> SHAPED_TASKS = List.of("T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9");

    /**
     * The engine work our diagrams imply, without our code: the same nine user tasks, two called processes, and the
     * same eight jobs (seven async continuations and the MDT timer, here an async no-op), with no listeners,
     * decisions, variables or domain writes. Ours beside it is the cost of our Java and our data; it beside the bare
     * process is the cost of the async boundaries and call activities the reliability rules ask for.
     */
    private void deployShapedProcess() {
        BpmnModelInstance carePlanning = Bpmn.createExecutableProcess("shaped-care-planning")
                .camundaHistoryTimeToLive(180)
                .startEvent()
                .userTask("T3")
                .camundaCandidateGroups("gp-B00001")
                .userTask("T4")
                .camundaCandidateGroups("gp-B00001")
                .serviceTask("S2")
                .camundaAsyncBefore()
                .camundaExpression("${true}")
                .endEvent()
                .done();
        BpmnModelInstance review = Bpmn.createExecutableProcess("shaped-mdt-review")
                .camundaHistoryTimeToLive(180)
                .startEvent()
                .serviceTask("S5")
                .camundaAsyncBefore()
                .camundaExpression("${true}")
                .userTask("T8")
                .camundaCandidateGroups("gp-B00001")
                .camundaAsyncAfter()
                .endEvent()
                .done();
        BpmnModelInstance pathway = Bpmn.createExecutableProcess("shaped-pathway")
                .camundaHistoryTimeToLive(180)
                .startEvent()
                .serviceTask("S0")
                .camundaExpression("${true}")
                .userTask("T1")
                .camundaCandidateGroups("gp-B00001")
                .serviceTask("S1")
                .camundaAsyncBefore()
                .camundaExpression("${true}")
                .userTask("T2")
                .camundaCandidateGroups("gp-B00001")
                .callActivity("C1")
                .calledElement("shaped-care-planning")
                .camundaInBusinessKey("#{execution.processBusinessKey}")
                .userTask("T5")
                .camundaCandidateGroups("gp-B00001")
                .camundaAsyncAfter()
                .serviceTask("S3")
                .camundaAsyncBefore()
                .camundaExpression("${true}")
                .userTask("T6")
                .camundaCandidateGroups("gp-B00001")
                .userTask("T7")
                .camundaCandidateGroups("gp-B00001")
                .serviceTask("S4")
                .camundaAsyncBefore()
                .camundaExpression("${true}")
                .callActivity("C2")
                .calledElement("shaped-mdt-review")
                .camundaInBusinessKey("#{execution.processBusinessKey}")
                .userTask("T9")
                .camundaCandidateGroups("gp-B00001")
                .camundaAsyncAfter()
                .endEvent()
                .done();
        engine.getRepositoryService()
                .createDeployment()
                .addModelInstance("shaped-care-planning.bpmn", carePlanning)
                .addModelInstance("shaped-mdt-review.bpmn", review)
                .addModelInstance("shaped-pathway.bpmn", pathway)
                .deploy();
    }

    private void driveShaped(String key) {
        runtime.startProcessInstanceByKey("shaped-pathway", key);
        runJobs();
        for (String task : SHAPED_TASKS) {
            complete(key, task, new HashMap<>());
        }
    }

    private void driveBare(String key) {
        runtime.startProcessInstanceByKey("bare-pathway", key);
        for (String task : USER_TASKS) {
            complete(key, task, new HashMap<>());
        }
    }

    private void complete(String businessKey, String taskKey, Map<String, Object> answers) {
        Task task = tasks.createTaskQuery()
                .processInstanceBusinessKey(businessKey)
                .taskDefinitionKey(taskKey)
                .singleResult();
        if (task == null) {
            throw new IllegalStateException("Patient " + businessKey + " has no open " + taskKey);
        }
        forms.submitTaskForm(task.getId(), answers); // as Tasklist completes a task with a form
        runJobs();
    }

    private void runJobs() {
        List<Job> due;
        while (!(due = management.createJobQuery().executable().list()).isEmpty()) {
            due.forEach(job -> management.executeJob(job.getId()));
        }
    }

    private long historyRows() {
        long total = 0;
        for (String table : jdbc.queryForList(
                "select table_name from information_schema.tables where table_schema = 'public' and table_name like 'act\\_hi\\_%'",
                String.class)) {
            total += jdbc.queryForObject("select count(*) from " + table, Long.class);
        }
        return total;
    }
}
