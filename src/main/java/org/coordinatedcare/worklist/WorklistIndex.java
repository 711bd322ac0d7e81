package org.coordinatedcare.worklist;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An index on the engine's task table in the worklist's sort order (due date, then creation). With it PostgreSQL walks
 * open tasks soonest due first and stops at the page's end once enough match the user's groups, instead of joining
 * every task with its identity links and sorting them all (EXPLAIN ANALYZE at 40,000 open tasks: 50 ms to 15 ms; the
 * cost no longer grows with the number of open tasks). Created here rather than by Flyway because Flyway runs
 * before the engine creates its tables (SchemaOrder).
 */
@Component
public class WorklistIndex implements ApplicationRunner {

    private final JdbcTemplate jdbc;

    public WorklistIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        jdbc.execute("create index if not exists cc_idx_task_due_created on act_ru_task (due_date_, create_time_)");
    }
}
