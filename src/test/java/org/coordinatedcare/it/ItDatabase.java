package org.coordinatedcare.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A PostgreSQL database of a test's own on 127.0.0.1:5432 (user postgres, trust auth). Databases left by earlier runs
 * of the same test are dropped first: the prefix is the test's own, so tests running in other worktrees keep theirs.
 */
public final class ItDatabase {

    private static final String SERVER = System.getProperty("it.postgres.server", "jdbc:postgresql://127.0.0.1:5432/");

    final String url;
    /** A connection per statement: the driver, the watcher and the assertions query from different threads. */
    final JdbcClient jdbc;

    private ItDatabase(String url) {
        this.url = url;
        this.jdbc = JdbcClient.create(new DriverManagerDataSource(url, "postgres", ""));
    }

    static ItDatabase fresh(String prefix) {
        return new ItDatabase(freshUrl(prefix));
    }

    /**
     * Drops the databases an earlier run left under {@code prefix} (dropped at the start, not the end, because an
     * application under test may still hold connections when its test finishes) and creates a new one; its JDBC URL.
     */
    public static String freshUrl(String prefix) {
        String name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
                Statement statement = connection.createStatement()) {
            List<String> leftovers = new ArrayList<>();
            try (var rows =
                    statement.executeQuery("select datname from pg_database where datname like '" + prefix + "%'")) {
                while (rows.next()) {
                    leftovers.add(rows.getString(1));
                }
            }
            for (String leftover : leftovers) {
                statement.execute("drop database if exists " + leftover + " with (force)");
            }
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL must run on " + SERVER + " with user postgres (trust auth)", e);
        }
        return SERVER + name;
    }
}
