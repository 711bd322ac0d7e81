package org.coordinatedcare.fhir;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps PostgreSQL's planner statistics abreast of a bulk import. The importer looks up each batch's existing rows by
 * FHIR id; planned from the statistics of a table that was empty, that lookup scans the whole table and compares every
 * row with every id of the batch, so an import slows quadratically until autovacuum (when it runs at all) analyzes the
 * table. So the register analyzes a table itself each time the rows it inserted have doubled: a few cheap ANALYZEs per
 * import, the first after 1,000 rows. H2 needs none of this.
 */
@Component
class RegisterStatistics {

    private static final long FIRST_ANALYZE = 1_000;
    private static final Pattern INSERT_INTO =
            Pattern.compile("^\\s*insert\\s+into\\s+(\\w+)", Pattern.CASE_INSENSITIVE);

    private final JdbcTemplate jdbc;
    private final boolean postgres;
    private final Map<String, long[]> tables =
            new ConcurrentHashMap<>(); // table -> {inserted, inserted at last analyze}

    RegisterStatistics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.postgres = "PostgreSQL".equals(jdbc.execute((ConnectionCallback<String>)
                connection -> connection.getMetaData().getDatabaseProductName()));
    }

    /** Notes rows just inserted by {@code insertSql}; analyzes the table when they have doubled since the last time. */
    void inserted(String insertSql, int rows) {
        Matcher table = INSERT_INTO.matcher(insertSql);
        if (!postgres || rows == 0 || !table.find()) {
            return;
        }
        String name = table.group(1);
        boolean due;
        synchronized (tables) {
            long[] counts = tables.computeIfAbsent(name, t -> new long[2]);
            counts[0] += rows;
            due = counts[0] >= Math.max(FIRST_ANALYZE, 2 * counts[1]);
            if (due) {
                counts[1] = counts[0];
            }
        }
        if (due) {
            jdbc.execute("analyze " + name);
        }
    }
}
