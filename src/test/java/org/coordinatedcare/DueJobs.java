package org.coordinatedcare;

import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;

/** Runs jobs in the test's thread as the job executor would, for tests that run with the executor off. */
public final class DueJobs {

    private DueJobs() {}

    /** Every due job (async continuations, not future timers) until none is left. */
    public static void run(ManagementService management) {
        for (int round = 0; round < 100; round++) {
            // executable: retries left and no due date in the future, so timers wait for fireTimer
            List<Job> due = management.createJobQuery().executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> management.executeJob(job.getId()));
        }
        throw new AssertionError("Jobs kept coming after 100 rounds");
    }
}
