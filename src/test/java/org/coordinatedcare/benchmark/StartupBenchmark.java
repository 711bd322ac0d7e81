package org.coordinatedcare.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up and memory, as production runs it: the packaged jar in a child JVM with the recommended heap settings, on a
 * fresh PostgreSQL database. Time to ready is from starting the process to Spring's "Started ... in" line (the
 * application is then serving and the engine deployed); heap is the live heap after a full GC ({@code jcmd GC.run},
 * then used survivor, eden and old space from {@code jstat -gc}). Then the register is loaded over our API (FHIR
 * import of a generated population) and pathways started over the engine REST API (PatientIdentified), as a feed
 * would, and the heap measured again. Last, the application is stopped and started again on that loaded database,
 * as after a deployment, and its time to ready and heap measured once more.
 * <p>
 * Floor: {@link org.coordinatedcare.benchmark.bare.BareEngineApplication}, the same Spring Boot and Camunda starters
 * and settings without our beans, migrations or deployments, started the same way (from the classpath, not a jar).
 * There is no floor after loading: a bare engine holds no register.
 */
final class StartupBenchmark {

    static final Path JAR = Path.of("target/coordinated-care-engine-0.1.0-SNAPSHOT.jar");
    private static final String ADMIN_PASSWORD = "benchmark-administrator";

    record Result(
            String jvmOptions,
            double readySeconds,
            double heapAfterStartMb,
            double floorReadySeconds,
            double floorHeapAfterStartMb,
            int patients,
            int pathways,
            double loadSeconds,
            double heapAfterLoadMb,
            double loadedReadySeconds,
            double heapAfterLoadedStartMb) {}

    private final HttpClient http = HttpClient.newHttpClient();

    static Result measure(int patients, int pathways, List<String> jvmOptions) throws Exception {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(
                    JAR + " is missing: run the benchmark with mvn -Pbenchmark verify, which packages it");
        }
        StartupBenchmark benchmark = new StartupBenchmark();
        double[] floor;
        try (Child bare = Child.start(
                BenchmarkDatabase.fresh("coordinated_care_bench_bare_start"),
                jvmOptions,
                List.of(
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.coordinatedcare.benchmark.bare.BareEngineApplication",
                        "--spring.flyway.enabled=false",
                        "--camunda.bpm.auto-deployment-enabled=false"),
                "Started BareEngineApplication in")) {
            floor = new double[] {bare.readySeconds, bare.liveHeapMb()};
        }
        String url = BenchmarkDatabase.fresh("coordinated_care_bench_startup");
        double readySeconds;
        double heapAfterStart;
        double loadSeconds;
        double heapAfterLoad;
        try (Child ours = Child.start(
                url, jvmOptions, List.of("-jar", JAR.toString()), "Started CoordinatedCareApplication in")) {
            readySeconds = ours.readySeconds;
            heapAfterStart = ours.liveHeapMb();
            System.out.printf(
                    Locale.ROOT,
                    "  started in %.1f s, live heap %.0f MB; loading the register%n",
                    readySeconds,
                    heapAfterStart);
            long start = System.nanoTime();
            benchmark.load(ours.port, url, patients, pathways);
            loadSeconds = (System.nanoTime() - start) / 1e9;
            heapAfterLoad = ours.liveHeapMb();
        }
        try (Child again = Child.start(
                url, jvmOptions, List.of("-jar", JAR.toString()), "Started CoordinatedCareApplication in")) {
            return new Result(
                    String.join(" ", jvmOptions),
                    readySeconds,
                    heapAfterStart,
                    floor[0],
                    floor[1],
                    patients,
                    pathways,
                    loadSeconds,
                    heapAfterLoad,
                    again.readySeconds,
                    again.liveHeapMb());
        }
    }

    /** The population as FHIR NDJSON through POST /api/fhir/import, then PatientIdentified for the first patients. */
    private void load(int port, String url, int patients, int pathways) throws Exception {
        Path folder = Files.createTempDirectory("startup-benchmark");
        try {
            RegisterBenchmark.Population population =
                    RegisterBenchmark.generate(folder, patients, TaskQueryBenchmark.PRACTICES);
            HttpResponse<String> imported = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/fhir/import"))
                            .header("Authorization", admin())
                            .header("Content-Type", "application/fhir+ndjson")
                            .POST(HttpRequest.BodyPublishers.ofFile(population.ndjson()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (imported.statusCode() != 200) {
                throw new IllegalStateException("Import answered " + imported.statusCode() + ": " + imported.body());
            }
        } finally {
            try (var files = Files.list(folder)) {
                files.forEach(file -> file.toFile().delete());
            }
            Files.deleteIfExists(folder);
        }
        List<Long> ids = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                var rows = connection
                        .createStatement()
                        .executeQuery("select id from patient order by id limit " + pathways)) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        if (ids.size() < pathways) {
            throw new IllegalStateException("Only " + ids.size() + " patients were imported");
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            running.add(threads.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < ids.size()) {
                    String key = ids.get(i).toString();
                    HttpResponse<String> started = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/engine-rest/message"))
                                    .header("Authorization", admin())
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"messageName\":\"PatientIdentified\",\"businessKey\":\"" + key
                                                    + "\",\"processVariables\":{\"patientId\":{\"value\":\"" + key
                                                    + "\",\"type\":\"String\"}}}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (started.statusCode() >= 300) {
                        throw new IllegalStateException("PatientIdentified for " + key + " answered "
                                + started.statusCode() + ": " + started.body());
                    }
                }
                return null;
            }));
        }
        threads.shutdown();
        for (Future<?> future : running) {
            future.get();
        }
    }

    private static String admin() {
        return "Basic "
                + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** A child JVM running the application on the given database; closed by SIGTERM, as a service manager stops it. */
    private static final class Child implements AutoCloseable {

        private static final Pattern SURVIVOR_EDEN_OLD = Pattern.compile("\\S+");

        final Process process;
        final int port;
        final double readySeconds;

        private Child(Process process, int port, double readySeconds) {
            this.process = process;
            this.port = port;
            this.readySeconds = readySeconds;
        }

        static Child start(String url, List<String> jvmOptions, List<String> main, String readyLine) throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(main);
            command.addAll(List.of(
                    "--spring.profiles.active=postgres", "--server.port=" + port, "--spring.main.banner-mode=off"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("DB_URL", url);
            builder.environment().put("DB_USER", "postgres");
            builder.environment().put("DB_PASSWORD", "");
            builder.environment().put("ADMIN_USER", "admin");
            builder.environment().put("ADMIN_PASSWORD", ADMIN_PASSWORD);
            long start = System.nanoTime();
            Process process = builder.start();
            CompletableFuture<Double> ready = new CompletableFuture<>();
            Thread reader = new Thread(() -> drain(process.getInputStream(), readyLine, start, ready), "child-output");
            reader.setDaemon(true);
            reader.start();
            try {
                return new Child(process, port, ready.get(5, TimeUnit.MINUTES));
            } catch (Exception e) {
                process.destroyForcibly();
                throw e;
            }
        }

        /** Reads the child's log, notes when it is ready, and keeps only warnings and errors on our console. */
        private static void drain(InputStream output, String readyLine, long start, CompletableFuture<Double> ready) {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (!ready.isDone() && line.contains(readyLine)) {
                        ready.complete((System.nanoTime() - start) / 1e9);
                    } else if (line.contains(" ERROR ") || line.contains("APPLICATION FAILED")) {
                        System.out.println("  child: " + line);
                    }
                }
                ready.completeExceptionally(new IllegalStateException("The child exited before it was ready"));
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
        }

        /** Live heap after a full GC: survivor, eden and old space used, from jstat (any collector). */
        double liveHeapMb() throws Exception {
            tool("jcmd", Long.toString(process.pid()), "GC.run");
            String[] lines =
                    tool("jstat", "-gc", Long.toString(process.pid())).strip().split("\n");
            List<String> names = tokens(lines[0]);
            List<String> values = tokens(lines[lines.length - 1]);
            double kb = 0;
            for (String column : List.of("S0U", "S1U", "EU", "OU")) {
                kb += Double.parseDouble(values.get(names.indexOf(column)));
            }
            return kb / 1024;
        }

        private static List<String> tokens(String line) {
            List<String> tokens = new ArrayList<>();
            Matcher matcher = SURVIVOR_EDEN_OLD.matcher(line);
            while (matcher.find()) {
                tokens.add(matcher.group());
            }
            return tokens;
        }

        private static String tool(String name, String... args) throws Exception {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", name).toString());
            command.addAll(List.of(args));
            Process tool = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (tool.waitFor() != 0) {
                throw new IllegalStateException(name + " failed: " + output);
            }
            return output;
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
