package org.coordinatedcare.benchmark;

import java.util.List;
import java.util.Locale;

/** The start-up and memory figure as rows of the benchmark table: ready within 25 s, live heap at most 512 MB. */
final class StartupRows {

    private StartupRows() {}

    static List<String> of(StartupBenchmark.Result result) {
        System.out.printf(
                Locale.ROOT,
                "Start-up: child JVM %s; loaded %d patients and started %d pathways in %.0f s%n",
                result.jvmOptions(),
                result.patients(),
                result.pathways(),
                result.loadSeconds());
        return List.of(
                String.format(
                        Locale.ROOT,
                        "| Time to ready, fresh PostgreSQL database (s) | %.1f | %.1f | %.2fx | at most 25 s: %s |",
                        result.readySeconds(),
                        result.floorReadySeconds(),
                        result.readySeconds() / result.floorReadySeconds(),
                        result.readySeconds() <= 25 ? "met" : "MISSED"),
                String.format(
                        Locale.ROOT,
                        "| Live heap after start, after full GC (MB) | %.0f | %.0f | %.2fx | at most 512 MB: %s |",
                        result.heapAfterStartMb(),
                        result.floorHeapAfterStartMb(),
                        result.heapAfterStartMb() / result.floorHeapAfterStartMb(),
                        result.heapAfterStartMb() <= 512 ? "met" : "MISSED"),
                String.format(
                        Locale.ROOT,
                        "| Live heap after %,d patients and %,d active pathways, after full GC (MB) | %.0f | - | - | at most 512 MB: %s |",
                        result.patients(),
                        result.pathways(),
                        result.heapAfterLoadMb(),
                        result.heapAfterLoadMb() <= 512 ? "met" : "MISSED"),
                String.format(
                        Locale.ROOT,
                        "| Time to ready, restarted on that loaded database (s) | %.1f | - | - | at most 25 s: %s |",
                        result.loadedReadySeconds(),
                        result.loadedReadySeconds() <= 25 ? "met" : "MISSED"),
                String.format(
                        Locale.ROOT,
                        "| Live heap after that restart, after full GC (MB) | %.0f | - | - | at most 512 MB: %s |",
                        result.heapAfterLoadedStartMb(),
                        result.heapAfterLoadedStartMb() <= 512 ? "met" : "MISSED"));
    }
}
