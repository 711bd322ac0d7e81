package org.coordinatedcare.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.coordinatedcare.it.PathwayDriver.Pathway;
import org.junit.jupiter.api.Test;

/**
 * Two application nodes on one PostgreSQL database, Camunda's homogeneous cluster: both run the job executor, the
 * requests for 500 pathways alternate between their REST APIs, and every timer is brought forward at once so both
 * executors race for it. Every job runs exactly once (the historic job log has one success or one deletion per job, and
 * no side-effect row is written twice), no pathway is lost, both nodes did part of the work, and the second node's
 * start deployed nothing new.
 *
 * <p>Pathways: one in five takes the full route, the rest the no-response route with its three reminder timers (see
 * {@link PathwayDriver}); together some 1,800 form submissions, 1,300 timers and 5,000 jobs. The nodes' logs are
 * {@code target/it-nodes/node-a.log} and {@code node-b.log}; each node's Camunda hostname is its name.
 */
class ClusterIT {

    private static final int PATHWAYS = Integer.getInteger("it.cluster.pathways", 500);

    @Test
    void twoNodesRunEveryJobOnceAndCloseEveryPathway() throws Exception {
        ItDatabase db = ItDatabase.fresh("coordinated_care_cluster_");
        int patientsPerPractice = PATHWAYS + PATHWAYS / 10 + 20;
        // the first node creates the schema, deploys and loads the demo; the second joins a database that is ready
        AppNode nodeA = new AppNode("node-a", db.url, patientsPerPractice);
        AppNode nodeB = new AppNode("node-b", db.url, patientsPerPractice);
        PathwayDriver driver = null;
        try {
            nodeA.start();
            nodeB.start();
            assertThat(db.jdbc
                            .sql("select count(*) from act_re_deployment")
                            .query(Long.class)
                            .single())
                    .as("deployments after both nodes started (the second finds nothing changed)")
                    .isEqualTo(1);
            assertThat(db.jdbc
                            .sql("select count(*) from act_re_procdef where key_ = 'coordinated-care'")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);

            List<Pathway> pathways = PathwayDriver.choosePathways(db, PATHWAYS, 5);
            driver = new PathwayDriver(db, List.of(nodeA, nodeB), pathways, 8);
            long started = System.nanoTime();
            boolean closed = driver.driveToClosure(Duration.ofMinutes(8));
            System.out.printf(
                    "ClusterIT: %d pathways in %d s; %s%n",
                    PATHWAYS, Duration.ofNanos(System.nanoTime() - started).toSeconds(), driver.progress());
            assertThat(closed).as("every pathway closed: " + driver.progress()).isTrue();
            PathwayLedger ledger = new PathwayLedger(db);
            CrashRecoveryIT.awaitQuiet(ledger, pathways);

            assertThat(driver.refusals).as("requests the application refused").isEmpty();
            assertThat(ledger.discrepancies(pathways))
                    .as("domain rows of each pathway")
                    .isEmpty();
            assertThat(ledger.engineLeftovers(pathways))
                    .as("engine state left behind")
                    .isEmpty();

            String ours =
                    "root_proc_inst_id_ in (select id_ from act_hi_procinst where proc_def_key_ = 'coordinated-care'"
                            + " and business_key_ in ("
                            + pathways.stream().map(p -> "'" + p.key() + "'").collect(Collectors.joining(","))
                            + "))";
            // job states in the historic job log: 0 created, 1 failed, 2 successful, 3 deleted
            assertThat(db.jdbc
                            .sql("select job_id_ from act_hi_job_log where " + ours
                                    + " group by job_id_ having sum(case when job_state_ = 2 then 1 else 0 end) > 1")
                            .query(String.class)
                            .list())
                    .as("jobs that succeeded more than once")
                    .isEmpty();
            assertThat(db.jdbc
                            .sql(
                                    "select job_id_ from act_hi_job_log where " + ours
                                            + " group by job_id_ having sum(case when job_state_ in (2, 3) then 1 else 0 end) <> 1")
                            .query(String.class)
                            .list())
                    .as("jobs that did not end exactly once (run or cancelled)")
                    .isEmpty();

            Map<String, Long> successes = byHostname(db, "job_state_ = 2 and " + ours);
            Map<String, Long> timers = byHostname(db, "job_state_ = 2 and job_def_type_ like 'timer%' and " + ours);
            long failures = db.jdbc
                    .sql("select count(*) from act_hi_job_log where job_state_ = 1 and " + ours)
                    .query(Long.class)
                    .single();
            System.out.printf(
                    "ClusterIT: jobs run by node %s, timers by node %s, failed attempts retried %d%n",
                    successes, timers, failures);
            long total = successes.values().stream().mapToLong(Long::longValue).sum();
            assertThat(successes.keySet()).as("hostnames in the job log").containsExactlyInAnyOrder("node-a", "node-b");
            assertThat(successes.values())
                    .as("each node ran a real share of the jobs")
                    .allMatch(n -> n >= total / 10);
            assertThat(timers.keySet()).as("timers run by each node").containsExactlyInAnyOrder("node-a", "node-b");
        } finally {
            if (driver != null) {
                driver.shutdown();
            }
            nodeB.stop();
            nodeA.stop();
        }
    }

    private static Map<String, Long> byHostname(ItDatabase db, String where) {
        return db
                .jdbc
                .sql("select hostname_, count(*) from act_hi_job_log where " + where + " group by hostname_")
                .query((row, n) -> Map.entry(String.valueOf(row.getString(1)), row.getLong(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
