package org.coordinatedcare.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged application jar as a child JVM on PostgreSQL, the way it runs in production: the {@code demo} profile
 * for the team and population, then {@code postgres} so its datasource and administrator win. Its log goes to
 * {@code target/it-nodes/<name>.log}, appended across restarts, for diagnosis.
 */
final class AppNode {

    static final String ADMIN_PASSWORD = "node-admin-" + Long.toHexString(System.nanoTime());

    private final String name;
    private final String databaseUrl;
    private final List<String> extraArguments;
    final int port;
    final Path log;
    private Process process;

    /**
     * @param name           the node's name, also its Camunda hostname in the historic job log
     * @param extraArguments further {@code --property=value} arguments
     */
    AppNode(String name, String databaseUrl, int patientsPerPractice, String... extraArguments) {
        this.name = name;
        this.databaseUrl = databaseUrl;
        this.port = freePort();
        this.log = Path.of("target", "it-nodes", name + ".log");
        List<String> arguments = new ArrayList<>(List.of(
                "--demo.patients-per-practice=" + patientsPerPractice,
                "--camunda.bpm.generic-properties.properties.hostname=" + name));
        arguments.addAll(List.of(extraArguments));
        this.extraArguments = arguments;
    }

    /** Starts the JVM and returns once the demo team can log in (the start-up runners have done their work). */
    AppNode start() {
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(
                    log,
                    "\n===== start of " + name + " on port " + port + " =====\n",
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            List<String> command = new ArrayList<>(List.of(
                    javaBinary(),
                    "-Xmx512m",
                    "-XX:+UseSerialGC",
                    "-jar",
                    applicationJar().toString(),
                    "--spring.profiles.active=demo,postgres",
                    "--spring.main.banner-mode=off"));
            command.addAll(extraArguments);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment()
                    .putAll(Map.of(
                            "DB_URL",
                            databaseUrl,
                            "DB_USER",
                            "postgres",
                            "DB_PASSWORD",
                            "",
                            "ADMIN_USER",
                            "admin",
                            "ADMIN_PASSWORD",
                            ADMIN_PASSWORD,
                            "PORT",
                            String.valueOf(port)));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady();
        return this;
    }

    /** SIGKILL: no shutdown hook, no graceful stop of the job executor, open transactions simply vanish. */
    void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM: Spring stops the job executor and closes the pool. */
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitForExit();
        }
    }

    long pid() {
        return process.pid();
    }

    EngineRestClient rest() {
        return new EngineRestClient(port, ADMIN_PASSWORD);
    }

    @Override
    public String toString() {
        return name + " (port " + port + ")";
    }

    private void awaitReady() {
        EngineRestClient rest = rest();
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " while starting; see " + log);
            }
            try {
                // "owner" is among the last accounts DemoData creates: once it logs in, the runners are done
                if (rest.get("owner", "/engine-rest/version").status() == 200) {
                    return;
                }
            } catch (IllegalStateException notListeningYet) {
                // the web server is not up yet
            }
            sleep(500);
        }
        throw new AssertionError(name + " did not become ready within 3 minutes; see " + log);
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The jar spring-boot-maven-plugin built at {@code package}, before failsafe runs. */
    private static Path applicationJar() {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("coordinated-care-engine-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() ->
                            new AssertionError("No application jar in target/: run mvn verify (package builds it)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
