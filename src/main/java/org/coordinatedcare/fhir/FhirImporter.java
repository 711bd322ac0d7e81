package org.coordinatedcare.fhir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

import org.coordinatedcare.web.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Fills the register from FHIR R4: a Bundle ({@code transaction}: all or nothing in one database transaction; any other
 * type entry by entry) or Bulk Data NDJSON (one resource per line, any types, any order), or a folder of both.
 * <p>
 * The body is streamed once onto disk by resource type ({@link Spool}; Jackson streaming for a Bundle, so neither is
 * held in memory), then written in dependency order (Organization, Practitioner, Patient, Condition, Encounter,
 * Observation) in batches of {@value #BATCH}, HAPI parsing one resource at a time. Outside a transaction Bundle each
 * batch commits on its own; if the database refuses a batch, its entries are retried one by one so only the faulty
 * entry is rejected. New hospital encounters are reported to pathways after their batch has committed.
 * <p>
 * {@link ImportReader} reads (spooling, HAPI parsing, what cannot be read); {@link ImportWriter} writes (order,
 * batches, transactions); {@link RegisterWriter} maps each batch to the register's rows.
 * <p>
 * Each import is timed for operators: {@code coordinated_care_register_import_seconds{format}} at
 * {@code /actuator/prometheus}, refused and failed imports included.
 */
@Service
public class FhirImporter {

    private static final Logger log = LoggerFactory.getLogger(FhirImporter.class);
    static final int BATCH = 2000;

    private final ImportReader reader;
    private final ImportWriter writer;
    private final MeterRegistry meters;

    public FhirImporter(
            FhirContext fhir,
            RegisterWriter registerWriter,
            HospitalEvents hospitalEvents,
            PlatformTransactionManager transactionManager,
            MeterRegistry meters) {
        this.reader = new ImportReader(fhir);
        this.writer =
                new ImportWriter(reader, registerWriter, hospitalEvents, new TransactionTemplate(transactionManager));
        this.meters = meters;
        for (String format : List.of("ndjson", "bundle", "folder")) {
            timer(format); // listed from the start, with a count of 0
        }
    }

    private Timer timer(String format) {
        return Timer.builder("coordinated.care.register.import")
                .description("FHIR register imports, from the first byte read to the last row committed")
                .tag("format", format)
                .register(meters);
    }

    /** FHIR Bulk Data NDJSON; a body of which no line is a JSON resource is refused whole (400), writing nothing. */
    public ImportReport importNdjson(InputStream body) {
        Timer.Sample sample = Timer.start(meters);
        try {
            return ndjson(body);
        } finally {
            sample.stop(timer("ndjson"));
        }
    }

    /** A FHIR Bundle; a body that is not a JSON Bundle is refused whole (400), writing nothing. */
    public ImportReport importBundle(InputStream body) {
        Timer.Sample sample = Timer.start(meters);
        try {
            return bundle(body);
        } finally {
            sample.stop(timer("bundle"));
        }
    }

    /**
     * Every {@code .ndjson} and {@code .json} (Bundle) file of a folder as one import, so files may come in any order
     * (Bulk Data exports one file per type). Bundles here go entry by entry, whatever their type.
     */
    public ImportReport importDirectory(Path folder, LongConsumer progress) throws IOException {
        Timer.Sample sample = Timer.start(meters);
        try {
            return directory(folder, progress);
        } finally {
            sample.stop(timer("folder"));
        }
    }

    private ImportReport ndjson(InputStream body) {
        ImportReport report = new ImportReport("ndjson");
        try (Spool spool = new Spool()) {
            int valid = reader.spoolNdjson(body, spool, spool.source(null, false), report);
            if (valid == 0) {
                throw new InvalidRequestException(
                        "body",
                        report.getRejectionCount() == 0
                                ? "The body is empty: send FHIR resources, one JSON object per line (application/fhir+ndjson)"
                                : "The body is not NDJSON: no line is a JSON object with a resourceType ("
                                        + report.getRejections().get(0).reason() + ")");
            }
            writer.write(spool, report, false, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the import failed", e);
        }
        return report;
    }

    private ImportReport bundle(InputStream body) {
        ImportReport report = new ImportReport("bundle");
        try (Spool spool = new Spool()) {
            String type = reader.spoolBundle(body, spool, spool.source(null, true), report);
            report.setBundleType(type);
            boolean transaction = "transaction".equals(type);
            if (transaction && report.getRejectionCount() > 0) {
                report.rolledBack();
                return report;
            }
            writer.write(spool, report, transaction, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the import failed", e);
        }
        return report;
    }

    private ImportReport directory(Path folder, LongConsumer progress) throws IOException {
        ImportReport report = new ImportReport("folder");
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(f ->
                            f.toString().endsWith(".ndjson") || f.toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
        try (Spool spool = new Spool()) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                log.info("Reading {}", file);
                try (InputStream in = Files.newInputStream(file)) {
                    if (name.endsWith(".ndjson")) {
                        reader.spoolNdjson(in, spool, spool.source(name, false), report);
                    } else {
                        reader.spoolBundle(in, spool, spool.source(name, true), report);
                    }
                } catch (InvalidRequestException e) {
                    report.reject(new ImportReport.Rejection(name, null, null, null, null, e.getMessage()));
                }
            }
            writer.write(spool, report, false, progress);
        }
        return report;
    }
}
