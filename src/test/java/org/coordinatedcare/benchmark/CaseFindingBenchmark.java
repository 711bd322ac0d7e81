package org.coordinatedcare.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.coordinatedcare.casefinding.CandidateFinder;
import org.coordinatedcare.casefinding.CaseFindingRun;
import org.coordinatedcare.casefinding.CaseFindingRuns;
import org.coordinatedcare.reference.LtcConditions;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Case finding for every practice beside its floor, on the imported register: "Find candidates" as the job executor
 * runs it (the narrowing SQL, the eligibility table per distinct facts, storing candidates and their categories) and
 * then each practice's job up to its waiting review task with the first page of its list, and
 * the plain SQL aggregate that counts each patient's LTC categories, read to the last row. Median of three runs each,
 * after one warm-up; the candidates of a run are deleted before the next so every run finds the same list. Then, three
 * times, storing the last run's candidates alone, rolled back each time ({@link Result}).
 */
final class CaseFindingBenchmark {

    private static final String STORED = "run_id, patient_id, practice_id, ltc_count, ltc_categories, reasons";

    /**
     * {@code storeMs}: storing the last run's candidates alone, the same rows in one {@code INSERT … SELECT} into the
     * candidate table with its indexes, and the run's one check that each names a patient and a list that exist (ADR
     * 0030; until then, the table's foreign keys checked each row); {@code storeWithoutKeysMs}: the same insert into a
     * copy of the table with its indexes and no check. Both are lower bounds of what any case finding pays to keep its list.
     */
    record Result(
            double oursMs,
            double floorMs,
            double storeMs,
            double storeWithoutKeysMs,
            long candidates,
            long patientsCounted) {}

    private CaseFindingBenchmark() {}

    static Result measure(ConfigurableApplicationContext app) {
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        CaseFindingRuns runs = app.getBean(CaseFindingRuns.class);
        RuntimeService runtime = app.getBean(RuntimeService.class);
        ManagementService management = app.getBean(ManagementService.class);
        jdbc.execute("analyze");
        String floorSql = "select c.patient_id, count(distinct l.ltc_category) from patient_condition c"
                + " join ltc_condition l on l.snomed_code = c.snomed_code where " + LtcConditions.ACTIVE_CONDITION
                + " group by c.patient_id";
        List<Double> ours = new ArrayList<>();
        List<Double> floor = new ArrayList<>();
        long candidates = 0;
        long lastRun = 0;
        AtomicLong counted = new AtomicLong();
        for (int round = 0; round < 4; round++) {
            counted.set(0);
            long start = System.nanoTime();
            jdbc.query(floorSql, row -> {
                counted.incrementAndGet();
            });
            double floorMs = (System.nanoTime() - start) / 1e6;

            jdbc.update("delete from case_finding_candidate");
            jdbc.update("delete from case_finding_annual_review");
            jdbc.update("delete from case_finding_list");
            CaseFindingRun run = runs.request(null, "benchmark");
            start = System.nanoTime();
            // "Find candidates", then each practice's job up to its waiting review task
            for (List<Job> due = dueJobs(management, run); !due.isEmpty(); due = dueJobs(management, run)) {
                due.forEach(job -> management.executeJob(job.getId()));
            }
            double oursMs = (System.nanoTime() - start) / 1e6;
            candidates = jdbc.queryForObject(
                    "select count(*) from case_finding_candidate where run_id = ?", Long.class, run.id());
            lastRun = run.id();
            runtime.deleteProcessInstance(run.processInstanceId(), "benchmark", true, true);
            if (round > 0) {
                ours.add(oursMs);
                floor.add(floorMs);
            }
        }
        List<Double> store = new ArrayList<>();
        List<Double> storeWithoutKeys = new ArrayList<>();
        TransactionTemplate transaction = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
        for (int round = 0; round < 3; round++) {
            long runId = lastRun;
            transaction.executeWithoutResult(status -> {
                jdbc.execute("create temp table stored_candidates on commit drop as select " + STORED
                        + " from case_finding_candidate where run_id = " + runId);
                // a real table, as the candidates' is, so it writes the same WAL; dropped again by the rollback
                jdbc.execute("create table candidates_without_keys (like case_finding_candidate including all)");
                jdbc.update("delete from case_finding_candidate where run_id = ?", runId);
                // as "Find candidates" stores them: the insert, then the run's one check of patients and lists
                store.add(timed(() -> {
                    jdbc.update("insert into case_finding_candidate (" + STORED + ") select * from stored_candidates");
                    jdbc.queryForList(CandidateFinder.UNKNOWN_REFERENCES, Long.class, runId, runId, runId);
                }));
                storeWithoutKeys.add(timed(() -> jdbc.update(
                        "insert into candidates_without_keys (" + STORED + ") select * from stored_candidates")));
                status.setRollbackOnly();
            });
            jdbc.execute("vacuum case_finding_candidate"); // the rolled-back rows would slow the next round
        }
        return new Result(
                median(ours), median(floor), median(store), median(storeWithoutKeys), candidates, counted.get());
    }

    private static double timed(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static List<Job> dueJobs(ManagementService management, CaseFindingRun run) {
        return management
                .createJobQuery()
                .processInstanceId(run.processInstanceId())
                .executable()
                .list();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
