package org.coordinatedcare.benchmark;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;

import com.sun.management.OperatingSystemMXBean;

/**
 * Processor time used by this JVM (every thread: the JIT compiler and the garbage collector too) and by the local
 * PostgreSQL server's processes, so a figure can say which side the time went to. PostgreSQL's is read from Linux's
 * /proc and is NaN elsewhere; it counts every backend, so it is only meaningful with nothing else using the server.
 */
record ProcessorTime(double jvmSeconds, double postgresSeconds) {

    private static final double TICKS_PER_SECOND = 100; // Linux's USER_HZ

    static ProcessorTime now() {
        double jvm = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        return new ProcessorTime(jvm, postgres());
    }

    ProcessorTime minus(ProcessorTime earlier) {
        return new ProcessorTime(jvmSeconds - earlier.jvmSeconds, postgresSeconds - earlier.postgresSeconds);
    }

    private static double postgres() {
        File[] processes =
                new File("/proc").listFiles((dir, name) -> name.chars().allMatch(Character::isDigit));
        if (processes == null) {
            return Double.NaN;
        }
        long ticks = 0;
        for (File process : processes) {
            try {
                if (!Files.readString(process.toPath().resolve("comm")).startsWith("postgres")) {
                    continue;
                }
                // fields after the command name: state is the first, utime the 12th and stime the 13th
                String[] fields = Files.readString(process.toPath().resolve("stat"))
                        .split("\\) ", 2)[1]
                        .split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException e) {
                // a process that ended while we read, or one we may not read: not ours to count
            }
        }
        return ticks / TICKS_PER_SECOND;
    }
}
