package org.coordinatedcare.tasklist;

import java.sql.DatabaseMetaData;
import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Gives PostgreSQL statistics on the permission bits the engine's authorization checks test (ADR 0013).
 * <p>
 * Every task, process instance and history query made as a user joins {@code ACT_RU_AUTHORIZATION} on
 * {@code PERMS_ & 2 = 2} (READ) and the like. PostgreSQL has no statistics for such an expression and guesses 0.5%
 * of rows, so with one authorization per open task it expected 25 rows where 5,000 matched, chose to compare every
 * task with every authorization (25 million comparisons, 2.9 s for Tasklist's count at 5,000 tasks per practice), and
 * never probed the index on {@code RESOURCE_ID_}. With statistics on the expression it probes the index per task:
 * 0.36 s. Made here rather than by Flyway because the engine creates its tables after Flyway has run (SchemaOrder);
 * expression statistics need PostgreSQL 14.
 */
@Component
public class AuthorizationStatistics implements ApplicationRunner {

    /** READ, READ_TASK, READ_INSTANCE and READ_HISTORY: the permissions of the engine's list queries. */
    static final List<Integer> READ_PERMISSIONS = List.of(2, 64, 512, 4096);

    private final JdbcTemplate jdbc;

    public AuthorizationStatistics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean postgres14 = Boolean.TRUE.equals(jdbc.execute((java.sql.Connection connection) -> {
            DatabaseMetaData database = connection.getMetaData();
            return "PostgreSQL".equals(database.getDatabaseProductName()) && database.getDatabaseMajorVersion() >= 14;
        }));
        if (!postgres14) {
            return;
        }
        for (int permission : READ_PERMISSIONS) {
            jdbc.execute("create statistics if not exists cc_stat_auth_perms_" + permission + " on (perms_ & "
                    + permission + ") from act_ru_authorization");
        }
        // No ANALYZE here: the statistics fill at the table's next analyze (autovacuum's, or the operator's). An
        // analyze of the near-empty table of a new database would leave PostgreSQL planning from that picture as the
        // table grows, wherever autovacuum is off: task creation then walked every authorization row of the group.
    }
}
