package org.coordinatedcare.security;

import java.sql.DatabaseMetaData;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger log = LoggerFactory.getLogger(AuthorizationStatistics.class);

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
        int created = 0;
        for (int permission : READ_PERMISSIONS) {
            String name = "cc_stat_auth_perms_" + permission;
            Integer exists = jdbc.queryForObject("select count(*) from pg_statistic_ext where stxname = ?", Integer.class, name);
            if (exists == null || exists == 0) {
                jdbc.execute("create statistics if not exists " + name + " on (perms_ & " + permission + ") from act_ru_authorization");
                created++;
            }
        }
        if (created > 0) {
            // statistics are gathered by ANALYZE; an idle server's autovacuum might not run it for a long time
            jdbc.execute("analyze act_ru_authorization");
            log.info("Created {} statistics on the authorization table's permission bits", created);
        }
    }
}
