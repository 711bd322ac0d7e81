package org.coordinatedcare.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The project's benchmark: {@code mvn -Pbenchmark verify} (PostgreSQL on 127.0.0.1:5432). Prints each figure beside
 * its floor, measured in the same run, as a Markdown table for BENCHMARKS.md.
 * Options: {@code -Dbenchmark.pathways=1000} (patients driven to closure), {@code -Dbenchmark.warmup=50}.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) {
        int pathways = Integer.getInteger("benchmark.pathways", 1000);
        int warmUp = Integer.getInteger("benchmark.warmup", 50);
        List<String> rows = new ArrayList<>();
        for (String level : List.of("full", "audit")) {
            PathwayBenchmark.Result result = PathwayBenchmark.measure(level, pathways, warmUp);
            rows.add(row("Pathway to closure, history " + level + " (ms per pathway)", result.oursMs(), result.bareMs(), 1.5));
            rows.add(row("History rows written per pathway, history " + level, result.oursHistoryRows(),
                    result.bareHistoryRows(), Double.NaN));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "Pathways per measurement: %d (after %d warm-up), Java %s, %d processors%n",
                pathways, warmUp, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        System.out.println("| measure | ours | floor (bare engine) | ratio | target |");
        System.out.println("|---|---:|---:|---:|---|");
        rows.forEach(System.out::println);
    }

    private static String row(String measure, double ours, double floor, double targetRatio) {
        double ratio = ours / floor;
        String target = Double.isNaN(targetRatio) ? "-" : String.format(Locale.ROOT, "at most %.1fx: %s", targetRatio,
                ratio <= targetRatio ? "met" : "MISSED");
        return String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2fx | %s |", measure, ours, floor, ratio, target);
    }
}
