package org.coordinatedcare.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.coordinatedcare.it.PathwayDriver.Pathway;
import org.coordinatedcare.it.PathwayDriver.Route;
import org.junit.jupiter.api.Test;

/**
 * The application is killed with SIGKILL in the middle of 200 pathways on PostgreSQL, with jobs waiting and requests
 * in flight, then started again on the same database; every pathway still reaches closure, with exactly the domain rows
 * its route calls for: nothing lost with the dead JVM, nothing done twice after the restart.
 *
 * <p>Pathways: one in four takes the full route (care plan, sharing, referral, MDT review, closure), the rest the
 * no-response route (invitation, two reminders, decision, closure), which has the most async jobs and timers per
 * request; see {@link PathwayDriver}. The child JVM's log is {@code target/it-nodes/crash-node.log}.
 *
 * <p>The job lock time is shortened to 15 seconds for this run: jobs the killed JVM had locked are taken up again once
 * their lock expires (5 minutes by default), and the test should not wait that long to show it.
 */
class CrashRecoveryIT {

    private static final int PATHWAYS = Integer.getInteger("it.crash.pathways", 200);

    @Test
    void everyPathwayClosesWithItsOwnRowsOnceAfterTheJvmIsKilledMidway() throws Exception {
        ItDatabase db = ItDatabase.fresh("coordinated_care_crash_");
        AppNode node = new AppNode(
                "crash-node", db.url, PATHWAYS + 40, "--camunda.bpm.job-execution.lock-time-in-millis=15000");
        PathwayLedger ledger = new PathwayLedger(db);
        ExecutorService background = Executors.newSingleThreadExecutor();
        PathwayDriver driver = null;
        try {
            node.start();
            List<Pathway> pathways = PathwayDriver.choosePathways(db, PATHWAYS, 4);
            driver = new PathwayDriver(db, List.of(node), pathways, 6);
            PathwayDriver running = driver;
            Future<Boolean> closed = background.submit(() -> running.driveToClosure(Duration.ofMinutes(6)));

            // mid-way: a good share of the forms in, pathways at every stage, and jobs waiting for the executor
            long expectedCompletions = pathways.stream()
                    .mapToLong(p -> p.route() == Route.FULL ? 10 : 2)
                    .sum();
            long killAt = System.currentTimeMillis() + 240_000;
            while (driver.completionsSoFar() < expectedCompletions * 2 / 5 && System.currentTimeMillis() < killAt) {
                AppNode.sleep(100);
            }
            assertThat(driver.completionsSoFar())
                    .as("progress before the kill: " + driver.progress())
                    .isGreaterThanOrEqualTo((int) (expectedCompletions * 2 / 5));
            long pendingJobs = pendingJobs(db);
            for (int look = 0; pendingJobs == 0 && look < 200; look++) {
                AppNode.sleep(50);
                pendingJobs = pendingJobs(db);
            }
            node.kill();
            String atKill = driver.progress();
            System.out.printf(
                    "CrashRecoveryIT: killed pid %d with %d jobs pending; %s%n", node.pid(), pendingJobs, atKill);
            assertThat(pendingJobs).as("jobs pending when the JVM was killed").isPositive();
            assertThat(closedEpisodes(db)).as("pathways closed before the kill").isLessThan(PATHWAYS);

            node.start();
            assertThat(closed.get(7, TimeUnit.MINUTES))
                    .as("every pathway closed after the restart: " + driver.progress() + "; log " + node.log)
                    .isTrue();
            awaitQuiet(ledger, pathways);
            System.out.println("CrashRecoveryIT: " + driver.progress());

            assertThat(driver.refusals).as("requests the application refused").isEmpty();
            assertThat(ledger.discrepancies(pathways))
                    .as("domain rows of each pathway")
                    .isEmpty();
            assertThat(ledger.engineLeftovers(pathways))
                    .as("engine state left behind")
                    .isEmpty();
        } finally {
            if (driver != null) {
                driver.shutdown();
            }
            background.shutdownNow();
            node.stop();
        }
    }

    /** Jobs the executor could run now (async continuations, due timers). */
    private static long pendingJobs(ItDatabase db) {
        return db.jdbc
                .sql("select count(*) from act_ru_job where retries_ > 0 and (duedate_ is null or duedate_ <= now())")
                .query(Long.class)
                .single();
    }

    private static long closedEpisodes(ItDatabase db) {
        return db.jdbc
                .sql("select count(*) from episode where status = 'CLOSED'")
                .query(Long.class)
                .single();
    }

    /** The episode closes in the transaction that ends its instance; this only waits out the last commits. */
    static void awaitQuiet(PathwayLedger ledger, List<Pathway> pathways) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!ledger.engineLeftovers(pathways).isEmpty() && System.currentTimeMillis() < deadline) {
            AppNode.sleep(500);
        }
    }
}
