package org.coordinatedcare.benchmark;

import org.coordinatedcare.it.ItDatabase;

/** A fresh PostgreSQL database per measurement, so figures never depend on an earlier run's leftovers. */
final class BenchmarkDatabase {

    private BenchmarkDatabase() {}

    /** Drops databases of earlier benchmark runs with this prefix and creates a new one; returns its JDBC URL. */
    static String fresh(String prefix) {
        return ItDatabase.freshUrl(prefix + "_");
    }
}
