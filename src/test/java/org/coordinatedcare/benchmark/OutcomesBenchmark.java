package org.coordinatedcare.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.coordinatedcare.Diagram.Messages;
import org.coordinatedcare.DueJobs;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The managers' outcomes answer ({@code GET /api/dashboard}, the whole PCN, the default period of the last 12 months)
 * at {@code benchmark.patients} patients and {@code benchmark.activePathways} pathways, as a manager over HTTP, p50 and
 * p95 over {@code benchmark.queries} requests; beside it, interleaved request by request, the plain SQL of its largest
 * figure (the funnel's "Identified": a count of the PCN's episodes opened in the period) and the Prometheus scrape
 * ({@code /actuator/prometheus}, its gauges' snapshot read afresh by every timed scrape).
 * <p>
 * The register, a case-finding run's candidates and the hospital encounters are plain SQL. The pathways are started by
 * the real PatientIdentified message (real delegates and listeners: episodes, engine instances and their first
 * tasks), two threads, 50 per commit; then plain SQL dates them over the 12 months and gives them the milestones of a
 * working PCN (named professional 80%, invitation accepted 60% / declined 10% / unanswered 10%, assessment and plan
 * 50%, referrals 30%, coordinator 20%, closed 5%), so every figure of the answer has rows behind it.
 */
final class OutcomesBenchmark {

    static final int PRACTICES = 20;
    private static final String MANAGER = "bench-manager";
    private static final String PASSWORD = "benchmark-password";
    private static final String ADMIN = "admin:benchmark-administrator";
    /**
     * The gauges' snapshot lives this long here (5 s in production); each timed scrape waits a little longer first, so
     * it reads the engine once, as a production scrape every 5 s or more does.
     */
    private static final int SCRAPE_REFRESH_MS = 200;

    record Percentiles(double p50, double p95) {}

    record Result(
            int patients,
            int pathways,
            long encounters,
            long candidates,
            long identified,
            Percentiles dashboard,
            Percentiles floor,
            Percentiles scrape,
            int repetitions,
            double setUpSeconds) {}

    private final JdbcTemplate jdbc;
    private final RuntimeService runtime;
    private final TransactionTemplate transaction;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;
    private final ConfigurableApplicationContext app;

    private OutcomesBenchmark(ConfigurableApplicationContext app) {
        this.app = app;
        this.jdbc = app.getBean(JdbcTemplate.class);
        this.runtime = app.getBean(ProcessEngine.class).getRuntimeService();
        this.transaction = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
        this.base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    }

    static Result measure(int patients, int pathways, int warmUp, int repetitions) throws Exception {
        String url = BenchmarkDatabase.fresh("coordinated_care_bench_outcomes");
        try (ConfigurableApplicationContext app = PathwayBenchmark.boot(
                url, "full", new RoundTrips(), "--coordinated-care.metrics.refresh=" + SCRAPE_REFRESH_MS + "ms")) {
            OutcomesBenchmark benchmark = new OutcomesBenchmark(app);
            long start = System.nanoTime();
            benchmark.register(patients);
            benchmark.startPathways(Math.min(pathways, patients));
            benchmark.milestones();
            benchmark.jdbc.execute("analyze");
            double setUp = (System.nanoTime() - start) / 1e9;
            benchmark.manager();
            return benchmark.run(patients, pathways, warmUp, repetitions, setUp);
        }
    }

    /** Practices in five neighbourhoods, their staff, patients with the equity fields, encounters, candidates. */
    private void register(int patients) {
        jdbc.update("""
                insert into practice (ods_code, name, neighbourhood)
                select 'P' || lpad(g::text, 5, '0'), 'Benchmark Practice ' || g, 'Neighbourhood ' || (1 + g % 5)
                from generate_series(1, ?) g""", PRACTICES);
        jdbc.update("""
                insert into professional (practice_id, role, given_name, family_name, login_id, clinical_lead)
                select id, 'GP', 'Lead', ods_code, 'lead-' || lower(ods_code), true from practice""");
        jdbc.update("""
                insert into professional (practice_id, role, given_name, family_name)
                select p.id, r.role, 'Staff' || g, p.ods_code from practice p
                cross join (values ('GP'), ('CARE_COORDINATOR')) r(role) cross join generate_series(1, 2) g""");
        jdbc.update("""
                insert into patient (given_name, family_name, birth_date, practice_id, fhir_id, sex, ethnic_category,
                                     imd_quintile)
                select 'Bench', 'Patient' || g, date '1930-01-01' + (g * 7919 % 25000),
                       (select id from practice where ods_code = 'P' || lpad((1 + g % ?)::text, 5, '0')),
                       'bench-' || g, case when g % 2 = 0 then 'female' else 'male' end,
                       (array['A','B','C','D','H','J','K','L','M','N','P','R','S','Z'])[1 + g % 14], 1 + g % 5
                from generate_series(1, ?) g""", PRACTICES, patients);
        // about one and a half hospital events per patient over three years
        jdbc.update("""
                insert into encounter (patient_id, type, occurred_on)
                select p.id, case when g = 1 then 'UNPLANNED_ADMISSION' else 'AE_ATTENDANCE' end,
                       current_date - ((p.id * 7 + g * 131) % 1095)::int
                from patient p cross join generate_series(1, 2) g where p.id % 4 <> 0""");
        // last month's case-finding run for every practice listed four patients in five
        jdbc.update("""
                insert into case_finding_run (practice_id, trigger_kind, status, requested_at, requested_by, found_at)
                values (null, 'SCHEDULE', 'IN_REVIEW', now() - interval '30 days', 'system', now() - interval '30 days')""");
        jdbc.update("""
                insert into case_finding_list (run_id, practice_id)
                select (select max(id) from case_finding_run), id from practice""");
        jdbc.update("""
                insert into case_finding_candidate (run_id, patient_id, practice_id, ltc_count, ltc_categories, reasons)
                select (select max(id) from case_finding_run), p.id, p.practice_id, 3,
                       'Hypertension|Diabetes|COPD', '3 or more long-term conditions'
                from patient p where p.id % 5 <> 0""");
    }

    /** PatientIdentified for the first {@code count} patients with three conditions, two threads, 50 per commit. */
    private void startPathways(int count) throws Exception {
        List<String> keys = jdbc.queryForList(
                "select fhir_id from patient where id % 5 <> 0 order by id limit ?", String.class, count);
        jdbc.update("""
                insert into patient_condition (patient_id, snomed_code, description, onset_date)
                select p.id, c.code, c.code, date '2015-01-01' from patient p
                cross join (values ('38341003'), ('44054006'), ('13645005')) as c(code)
                where p.fhir_id = any(?)""", (Object) keys.toArray(String[]::new));
        int batch = 50;
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        long began = System.nanoTime();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            running.add(threads.submit(() -> {
                int from;
                while ((from = next.getAndAdd(batch)) < keys.size()) {
                    int first = from;
                    transaction.executeWithoutResult(status -> {
                        for (int i = first; i < Math.min(first + batch, keys.size()); i++) {
                            runtime.createMessageCorrelation(Messages.PATIENT_IDENTIFIED)
                                    .processInstanceBusinessKey(keys.get(i))
                                    .setVariable("patientId", keys.get(i))
                                    .correlateStartMessage();
                        }
                    });
                    int total = done.addAndGet(Math.min(batch, keys.size() - first));
                    if (total % 2_000 < batch) {
                        System.out.printf(
                                Locale.ROOT,
                                "  %d pathways started in %.0f s%n",
                                total,
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
        DueJobs.run(app.getBean(ManagementService.class));
        // the candidates that became these pathways
        jdbc.update("""
                update case_finding_candidate k set episode_id = e.id, decision = 'CONFIRMED', pathway_outcome = 'STARTED'
                from episode e where e.patient_id = k.patient_id""");
    }

    /** Dates the episodes over the last 12 months and gives them what a working PCN's would have reached. */
    private void milestones() {
        jdbc.update("update episode set opened_at = date_trunc('day', now()) - ((id * 37) % 360) * interval '1 day'"
                + " + interval '9 hours'");
        String professional = "(select min(f.id) from professional f where f.practice_id = e.practice_id"
                + " and f.role = '%s' and f.login_id is null)";
        jdbc.update("""
                insert into named_professional_assignment (episode_id, professional_id, started_at, assigned_by)
                select e.id, %s, e.opened_at + (e.id %% 20) * interval '1 day', 'bench'
                from episode e where e.id %% 10 < 8""".formatted(professional.formatted("GP")));
        jdbc.update("""
                insert into invitation (episode_id, sent_at, response, responded_at)
                select e.id, e.opened_at + interval '21 days',
                       case when e.id % 10 < 6 then 'accepted' when e.id % 10 = 6 then 'declined' end,
                       case when e.id % 10 < 7 then e.opened_at + interval '28 days' end
                from episode e where e.id % 10 < 8""");
        jdbc.update("""
                insert into holistic_assessment (episode_id, assessed_by, assessed_at, physical_needs, emotional_needs,
                    social_needs, has_social_needs, low_mood, self_management_confidence, wants_lifestyle_support,
                    health_budget_eligible)
                select e.id, 'bench', e.opened_at + interval '35 days', 'Breathless on stairs', 'Worried', 'Lives alone',
                       true, e.id % 3 = 0, 'medium', true, false
                from episode e where e.id % 10 < 5""");
        jdbc.update("""
                insert into care_plan (episode_id, version, assessment_id, created_at, created_by, what_matters_to_me,
                    goals, review_date, consent_to_share)
                select h.episode_id, 1, h.id, h.assessed_at + ((h.episode_id % 30) * interval '1 day'), 'bench',
                       'Walking to the shops', 'Walk 20 minutes a day', (h.assessed_at + interval '180 days')::date, true
                from holistic_assessment h""");
        jdbc.update("""
                insert into referral (episode_id, type, status, receiving_team, proposed_at, sent_at, responded_at,
                                      concluded_at)
                select e.id,
                       (array['SOCIAL_PRESCRIBING','HEALTH_COACHING','SELF_MANAGEMENT_COURSE','TALKING_THERAPIES',
                              'PERSONAL_HEALTH_BUDGET'])[1 + e.id % 5],
                       (array['SENT','ACCEPTED','DECLINED','COMPLETED','NOT_COMPLETED'])[1 + (e.id / 5) % 5],
                       'PCN', e.opened_at + interval '60 days', e.opened_at + interval '60 days',
                       case when (e.id / 5) % 5 > 0 then e.opened_at + interval '67 days' end,
                       case when (e.id / 5) % 5 > 2 then e.opened_at + interval '120 days' end
                from episode e where e.id % 10 < 3""");
        jdbc.update("""
                insert into coordinator_assignment (episode_id, professional_id, appointment_trigger, started_at)
                select e.id, %s, 'MDT', e.opened_at + interval '40 days'
                from episode e where e.id %% 10 < 2""".formatted(professional.formatted("CARE_COORDINATOR")));
        jdbc.update("""
                update episode set status = 'CLOSED', active_patient_id = null, closure_reason = 'NEEDS_STABLE',
                       closed_at = opened_at + interval '200 days'
                where id % 20 = 0 and opened_at + interval '200 days' < now()""");
    }

    private void manager() {
        IdentityService identity = app.getBean(IdentityService.class);
        User user = identity.newUser(MANAGER);
        user.setPassword(PASSWORD);
        identity.saveUser(user);
        identity.createMembership(MANAGER, "manager");
    }

    private Result run(int patients, int pathways, int warmUp, int repetitions, double setUp) throws Exception {
        LocalDate to = LocalDate.now();
        LocalDate from = to.minusYears(1).plusDays(1);
        JsonNode answer = json.readTree(get("/api/dashboard", MANAGER + ":" + PASSWORD));
        long identified = answer.at("/tables/funnel/rows/0/people/value").asLong();
        long floorCount = floor(from, to);
        if (identified != floorCount || answer.path("practices").size() != PRACTICES) {
            throw new IllegalStateException("The dashboard says " + identified + " identified, the SQL " + floorCount
                    + ": " + answer.path("practices"));
        }
        if (!get("/actuator/prometheus", ADMIN).contains("coordinated_care_pathways{")) {
            throw new IllegalStateException("The scrape has no pathway gauges");
        }
        for (int i = 0; i < warmUp; i++) {
            get("/api/dashboard", MANAGER + ":" + PASSWORD);
            floor(from, to);
            get("/actuator/prometheus", ADMIN);
        }
        long[][] nanos = new long[3][repetitions];
        for (int i = 0; i < repetitions; i++) {
            for (int k = 0; k < 3; k++) {
                int which = (k + i) % 3; // a different order each time
                if (which == 2) {
                    Thread.sleep(SCRAPE_REFRESH_MS + 50); // untimed: the snapshot is stale, the scrape reads afresh
                }
                long start = System.nanoTime();
                switch (which) {
                    case 0 -> get("/api/dashboard", MANAGER + ":" + PASSWORD);
                    case 1 -> floor(from, to);
                    default -> get("/actuator/prometheus", ADMIN);
                }
                nanos[which][i] = System.nanoTime() - start;
            }
        }
        return new Result(
                patients,
                pathways,
                jdbc.queryForObject("select count(*) from encounter", Long.class),
                jdbc.queryForObject("select count(*) from case_finding_candidate", Long.class),
                identified,
                percentiles(nanos[0]),
                percentiles(nanos[1]),
                percentiles(nanos[2]),
                repetitions,
                setUp);
    }

    /** The largest figure as plain SQL: the PCN's episodes opened in the period. */
    private long floor(LocalDate from, LocalDate to) {
        return jdbc.queryForObject(
                "select count(*) from episode e where e.practice_id in (select id from practice)"
                        + " and e.opened_at >= ? and e.opened_at < ?",
                Long.class,
                Timestamp.valueOf(from.atStartOfDay()),
                Timestamp.valueOf(to.plusDays(1).atStartOfDay()));
    }

    private String get(String path, String credentials) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static Percentiles percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Percentiles(
                sorted[(int) Math.ceil(sorted.length * 0.50) - 1] / 1e6,
                sorted[(int) Math.ceil(sorted.length * 0.95) - 1] / 1e6);
    }

    /** The part's rows for BENCHMARKS.md. */
    static List<String> rows(Result r) {
        System.out.printf(
                Locale.ROOT,
                "Outcomes: %d patients, %d pathways (%d identified in the last 12 months), %d encounters, %d"
                        + " candidates; set-up %.0f s; %d requests of each kind%n",
                r.patients(),
                r.pathways(),
                r.identified(),
                r.encounters(),
                r.candidates(),
                r.setUpSeconds(),
                r.repetitions());
        String size = String.format(Locale.ROOT, "%,d patients and %,d pathways", r.patients(), r.pathways());
        return List.of(
                String.format(
                        Locale.ROOT,
                        "| GET /api/dashboard, whole PCN, last 12 months, %s, p50 ms (floor: plain SQL count of"
                                + " its largest figure) | %.1f | %.1f | %.2fx | - |",
                        size,
                        r.dashboard().p50(),
                        r.floor().p50(),
                        r.dashboard().p50() / r.floor().p50()),
                String.format(
                        Locale.ROOT,
                        "| GET /api/dashboard, the same, p95 ms | %.1f | %.1f | %.2fx | p95 at most 200 ms: %s |",
                        r.dashboard().p95(),
                        r.floor().p95(),
                        r.dashboard().p95() / r.floor().p95(),
                        r.dashboard().p95() <= 200 ? "met" : "MISSED"),
                String.format(
                        Locale.ROOT,
                        "| GET /actuator/prometheus, the gauges' snapshot read afresh, %s, p50 / p95 ms | %.1f / %.1f |"
                                + " - | - | - |",
                        size,
                        r.scrape().p50(),
                        r.scrape().p95()));
    }
}
