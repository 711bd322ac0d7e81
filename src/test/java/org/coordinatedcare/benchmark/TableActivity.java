package org.coordinatedcare.benchmark;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * PostgreSQL's own counters of what each table saw (rows inserted, updated, deleted; index and sequential scans) and
 * of committed transactions, so the benchmark can say where a pathway's database work goes, not just how long it took.
 */
record TableActivity(Map<String, long[]> tables, long commits) {

    private static final String[] COLUMNS = {"ins", "upd", "del", "scans"};

    static TableActivity read(JdbcTemplate jdbc) {
        // Backends publish their counters when idle; ask for a flush and give them a moment.
        jdbc.execute("select pg_stat_force_next_flush()");
        try {
            Thread.sleep(1_500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        jdbc.execute("select pg_stat_clear_snapshot()");
        Map<String, long[]> tables = new TreeMap<>();
        jdbc.query("""
                select relname, n_tup_ins, n_tup_upd, n_tup_del, coalesce(seq_scan, 0) + coalesce(idx_scan, 0)
                from pg_stat_user_tables""", row -> {
            tables.put(
                    row.getString(1).toLowerCase(Locale.ROOT),
                    new long[] {row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5)});
        });
        long commits = jdbc.queryForObject(
                "select xact_commit from pg_stat_database where datname = current_database()", Long.class);
        return new TableActivity(tables, commits);
    }

    TableActivity minus(TableActivity earlier) {
        Map<String, long[]> delta = new TreeMap<>();
        tables.forEach((table, now) -> {
            long[] before = earlier.tables.getOrDefault(table, new long[4]);
            long[] d = new long[4];
            for (int i = 0; i < 4; i++) {
                d[i] = now[i] - before[i];
            }
            delta.put(table, d);
        });
        return new TableActivity(delta, commits - earlier.commits);
    }

    long total(String table) {
        long[] row = tables.getOrDefault(table, new long[4]);
        return row[0] + row[1] + row[2] + row[3];
    }

    /** The tables either side touched, busiest first, with each counter per pathway. */
    static String compare(TableActivity ours, TableActivity bare, int pathways) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "  transactions committed: %.1f | %.1f%n",
                (double) ours.commits / pathways,
                (double) bare.commits / pathways));
        TreeSet<String> names = new TreeSet<>(Comparator.comparingLong((String t) -> -(ours.total(t) + bare.total(t)))
                .thenComparing(Comparator.naturalOrder()));
        names.addAll(ours.tables.keySet());
        for (String table : names) {
            if (ours.total(table) + bare.total(table) == 0) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "  %-32s", table));
            for (int i = 0; i < 4; i++) {
                out.append(String.format(
                        Locale.ROOT,
                        " %s %6.1f | %-6.1f",
                        COLUMNS[i],
                        (double) ours.tables.getOrDefault(table, new long[4])[i] / pathways,
                        (double) bare.tables.getOrDefault(table, new long[4])[i] / pathways));
            }
            out.append(System.lineSeparator());
        }
        return out.toString();
    }
}
