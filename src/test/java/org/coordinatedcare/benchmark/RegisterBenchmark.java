package org.coordinatedcare.benchmark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Random;
import javax.sql.DataSource;

import org.coordinatedcare.fhir.FhirImporter;
import org.coordinatedcare.fhir.ImportReport;
import org.postgresql.PGConnection;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The register import beside its floor: a generated population (patients across practices, about ten conditions
 * each) imported as FHIR NDJSON through the application's importer, and the same patient and condition rows loaded
 * with PostgreSQL COPY into tables of the same shape and indexes, in the same database.
 */
final class RegisterBenchmark {

    static final String[] CODES = {
        "38341003",
        "59621000",
        "44054006",
        "46635009",
        "195967001",
        "13645005",
        "433144002",
        "431856006",
        "53741008",
        "49436004",
        "84114007",
        "35489007",
        "197480006",
        "69896004",
        "396275006",
        "52448006",
        "230690007",
        "363346000",
        "414916001",
        "73211009"
    };

    record Population(
            Path ndjson,
            Path patientsCsv,
            Path conditionsCsv,
            long resources,
            int patients,
            int conditions,
            int practices) {}

    record Result(
            Population population,
            double importSeconds,
            double copySeconds,
            double copyWithKeysSeconds,
            ProcessorTime processorTime,
            ImportReport report) {
        double resourcesPerSecond() {
            return population.resources() / importSeconds;
        }

        double copyRowsPerSecond() {
            return (population.patients() + population.conditions()) / copySeconds;
        }
    }

    /** Writes the population once as NDJSON for the importer and as CSV for COPY: the same rows. */
    static Population generate(Path folder, int patients, int practices) throws IOException {
        return generate(folder, "bench", 'X', patients, practices);
    }

    /** A population whose FHIR ids start with {@code prefix} and whose practices' ODS codes with {@code odsLetter}. */
    static Population generate(Path folder, String prefix, char odsLetter, int patients, int practices)
            throws IOException {
        Path ndjson = folder.resolve(prefix + "-register.ndjson");
        Path patientsCsv = folder.resolve(prefix + "-patients.csv");
        Path conditionsCsv = folder.resolve(prefix + "-conditions.csv");
        Random random = new Random(100_000L);
        int conditions = 0;
        try (BufferedWriter out = Files.newBufferedWriter(ndjson);
                BufferedWriter patientRows = Files.newBufferedWriter(patientsCsv);
                BufferedWriter conditionRows = Files.newBufferedWriter(conditionsCsv)) {
            for (int p = 1; p <= practices; p++) {
                out.write("{\"resourceType\":\"Organization\",\"id\":\"" + prefix + "-org-" + p
                        + "\",\"identifier\":[{\"system\":"
                        + "\"https://fhir.nhs.uk/Id/ods-organization-code\",\"value\":\"" + odsLetter + (10000 + p)
                        + "\"}],"
                        + "\"name\":\"Benchmark Practice " + p + "\",\"address\":[{\"district\":\"Neighbourhood " + p
                        + "\"}]}\n");
            }
            for (int i = 1; i <= patients; i++) {
                String birthDate =
                        (1930 + random.nextInt(80)) + "-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(9);
                int practice = 1 + i % practices;
                out.write("{\"resourceType\":\"Patient\",\"id\":\"" + prefix + "-p" + i
                        + "\",\"name\":[{\"family\":\"Family" + i
                        + "\",\"given\":[\"Given\"]}],\"birthDate\":\"" + birthDate + "\",\"generalPractitioner\":"
                        + "[{\"reference\":\"Organization/" + prefix + "-org-" + practice + "\"}]}\n");
                patientRows.write(prefix + "-p" + i + ",Given,Family" + i + "," + birthDate + "," + practice + "\n");
                int count = random.nextInt(21); // 0..20, ten on average
                for (int k = 0; k < count; k++) {
                    String code = CODES[random.nextInt(CODES.length)];
                    String status = random.nextInt(10) == 0 ? "resolved" : "active";
                    out.write("{\"resourceType\":\"Condition\",\"id\":\"" + prefix + "-p" + i + "-c" + k
                            + "\",\"clinicalStatus\":"
                            + "{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/condition-clinical\",\"code\":\""
                            + status + "\"}]},\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\""
                            + code
                            + "\"}]},\"subject\":{\"reference\":\"Patient/" + prefix + "-p" + i
                            + "\"},\"onsetDateTime\":\"2015-01-01\"}\n");
                    conditionRows.write(
                            prefix + "-p" + i + "-c" + k + "," + i + "," + code + "," + status + ",2015-01-01\n");
                    conditions++;
                }
            }
        }
        return new Population(
                ndjson,
                patientsCsv,
                conditionsCsv,
                practices + patients + (long) conditions,
                patients,
                conditions,
                practices);
    }

    /**
     * Imports {@code warmUp}, untimed, and deletes it again, so the timed import runs on compiled code as in a server
     * that has imported before: the first import in a fresh JVM also pays for the JIT compiling HAPI, Jackson and the
     * driver. Returns its time.
     */
    static double warmUp(ConfigurableApplicationContext app, Population warmUp) throws IOException {
        long start = System.nanoTime();
        try (InputStream in = Files.newInputStream(warmUp.ndjson())) {
            app.getBean(FhirImporter.class).importNdjson(in);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        jdbc.update(
                "delete from patient_condition where patient_id in (select id from patient where fhir_id like 'warm-%')");
        jdbc.update("delete from patient where fhir_id like 'warm-%'");
        jdbc.update("delete from practice where fhir_id like 'warm-%'");
        return seconds;
    }

    static Result measure(ConfigurableApplicationContext app, Population population) throws Exception {
        FhirImporter importer = app.getBean(FhirImporter.class);
        ProcessorTime cpu = ProcessorTime.now();
        long start = System.nanoTime();
        ImportReport report;
        try (InputStream in = Files.newInputStream(population.ndjson())) {
            report = importer.importNdjson(in);
        }
        double importSeconds = (System.nanoTime() - start) / 1e9;
        ProcessorTime used = ProcessorTime.now().minus(cpu);
        if (report.getRejectionCount() > 0) {
            throw new IllegalStateException("The benchmark population had rejections: " + report.summary());
        }
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        // the floor: tables of the same shape and indexes (LIKE copies no foreign keys)
        jdbc.execute("create table copy_patient (like patient including all)");
        jdbc.execute("create table copy_condition (like patient_condition including all)");
        double copySeconds = copy(app, population, "copy_");
        // the same again with the register's foreign keys (condition to patient to practice), for comparison
        jdbc.execute("create table fk_practice (like practice including all)");
        jdbc.execute(
                "create table fk_patient (like patient including all, foreign key (practice_id) references fk_practice (id))");
        jdbc.execute(
                "create table fk_condition (like patient_condition including all, foreign key (patient_id) references fk_patient (id))");
        jdbc.update(
                "insert into fk_practice (id, ods_code, name, neighbourhood) select n, 'F' || n, 'Practice ' || n, 'Neighbourhood' "
                        + "from generate_series(1, ?) n",
                population.practices());
        double copyWithKeysSeconds = copy(app, population, "fk_");
        return new Result(population, importSeconds, copySeconds, copyWithKeysSeconds, used, report);
    }

    /** COPY of the population's patients and conditions into the tables named {@code prefix}patient and -condition. */
    private static double copy(ConfigurableApplicationContext app, Population population, String prefix)
            throws Exception {
        try (Connection connection = app.getBean(DataSource.class).getConnection()) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long copyStart = System.nanoTime();
            try (Reader patients = Files.newBufferedReader(population.patientsCsv(), StandardCharsets.UTF_8);
                    Reader conditions = Files.newBufferedReader(population.conditionsCsv(), StandardCharsets.UTF_8)) {
                copy.copyIn(
                        "copy " + prefix
                                + "patient (fhir_id, given_name, family_name, birth_date, practice_id) from stdin with (format csv)",
                        patients);
                copy.copyIn(
                        "copy " + prefix
                                + "condition (fhir_id, patient_id, snomed_code, clinical_status, onset_date) from stdin with (format csv)",
                        conditions);
            }
            return (System.nanoTime() - copyStart) / 1e9;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
