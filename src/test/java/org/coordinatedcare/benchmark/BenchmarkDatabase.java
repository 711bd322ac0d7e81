package org.coordinatedcare.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A fresh PostgreSQL database per measurement, so figures never depend on an earlier run's leftovers. */
final class BenchmarkDatabase {

    static final String SERVER = System.getProperty("benchmark.postgres", "jdbc:postgresql://127.0.0.1:5432/");

    private BenchmarkDatabase() {
    }

    /** Drops databases of earlier benchmark runs with this prefix and creates a new one; returns its JDBC URL. */
    static String fresh(String prefix) {
        String name = prefix + "_" + Long.toString(System.currentTimeMillis(), 36);
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement statement = connection.createStatement()) {
            List<String> leftovers = new ArrayList<>();
            try (var rows = statement.executeQuery("select datname from pg_database where datname like '" + prefix + "\\_%'")) {
                while (rows.next()) {
                    leftovers.add(rows.getString(1));
                }
            }
            for (String leftover : leftovers) {
                statement.execute("drop database if exists " + leftover + " with (force)");
            }
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL must be running on " + SERVER + " (user postgres, trust auth)", e);
        }
        return SERVER + name;
    }
}
