package org.coordinatedcare.fhir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;

import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

import ca.uhn.fhir.parser.IParser;

/**
 * The writing half of an import: the spooled resources in dependency order ({@link Spool#ORDER}), batch by batch to
 * the {@link RegisterWriter}. A transaction Bundle is one database transaction, rolled back on any rejection; anything
 * else commits batch by batch on the {@link WriteAhead} thread while the importing thread parses the next batch.
 * Counts, rejections and hospital events reach the report only once their batch has committed.
 */
final class ImportWriter {

    /** Batches parsed ahead of the database: enough to keep it busy, few enough to keep memory small. */
    private static final int WRITES_AHEAD = 2;

    private final ImportReader reader;
    private final RegisterWriter writer;
    private final HospitalEvents hospitalEvents;
    private final TransactionTemplate transactions;

    ImportWriter(
            ImportReader reader,
            RegisterWriter writer,
            HospitalEvents hospitalEvents,
            TransactionTemplate transactions) {
        this.reader = reader;
        this.writer = writer;
        this.hospitalEvents = hospitalEvents;
        this.transactions = transactions;
    }

    /** Everything spooled, by type and batch; {@code progress} (or null) hears the entries processed after each batch. */
    void write(Spool spool, ImportReport report, boolean transaction, LongConsumer progress) throws IOException {
        RegisterWriter.Context context = new RegisterWriter.Context(spool);
        IParser parser = reader.parser();
        if (!transaction) {
            // each batch commits on its own, on the write-ahead thread; the report is only ever touched there
            try (WriteAhead writes = new WriteAhead(WRITES_AHEAD)) {
                for (String type : Spool.ORDER) {
                    reader.eachBatch(
                            spool,
                            type,
                            parser,
                            (batch, unreadable) -> writes.submit(() -> {
                                unreadable.forEach(report::reject);
                                if (!batch.isEmpty()) {
                                    applyAndReport(writeOnItsOwn(type, batch, context), report);
                                }
                                if (progress != null) {
                                    progress.accept(report.processed());
                                }
                            }));
                }
            }
            return;
        }
        List<RegisterWriter.Result> results = new ArrayList<>();
        try {
            transactions.executeWithoutResult(status -> {
                try {
                    for (String type : Spool.ORDER) {
                        reader.eachBatch(spool, type, parser, (batch, unreadable) -> {
                            unreadable.forEach(report::reject);
                            if (!batch.isEmpty()) {
                                results.add(writer.write(type, batch, context));
                            }
                        });
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (report.getRejectionCount() > 0 || results.stream().anyMatch(r -> !r.rejections.isEmpty())) {
                    status.setRollbackOnly();
                }
            });
        } catch (DataAccessException e) {
            report.reject(new ImportReport.Rejection(
                    null,
                    null,
                    null,
                    null,
                    null,
                    "The database refused the transaction: "
                            + e.getMostSpecificCause().getMessage()));
        }
        Set<Long> events = new LinkedHashSet<>();
        results.forEach(r -> {
            apply(r, report);
            events.addAll(r.hospitalEventPatients);
        });
        if (report.getRejectionCount() > 0) {
            report.rolledBack();
        } else {
            report.hospitalEventsReported(hospitalEvents.report(events));
        }
    }

    /** One batch in its own transaction; if the database refuses it, entry by entry so only the faulty one is lost. */
    private RegisterWriter.Result writeOnItsOwn(
            String type, List<RegisterWriter.Parsed> batch, RegisterWriter.Context context) {
        try {
            return transactions.execute(status -> writer.write(type, batch, context));
        } catch (DataAccessException batchRefused) {
            RegisterWriter.Result all = new RegisterWriter.Result(type);
            for (RegisterWriter.Parsed parsed : batch) {
                try {
                    RegisterWriter.Result one =
                            transactions.execute(status -> writer.write(type, List.of(parsed), context));
                    all.created += one.created;
                    all.updated += one.updated;
                    all.unchanged += one.unchanged;
                    all.skipped += one.skipped;
                    all.rejections.addAll(one.rejections);
                    all.hospitalEventPatients.addAll(one.hospitalEventPatients);
                } catch (DataAccessException e) {
                    all.reject(
                            parsed,
                            "the database refused it: "
                                    + e.getMostSpecificCause().getMessage());
                }
            }
            return all;
        }
    }

    /** Adds a batch's counts and rejections to the report. */
    private void apply(RegisterWriter.Result result, ImportReport report) {
        ImportReport.Counts counts = report.counts(result.type);
        counts.created += result.created;
        counts.updated += result.updated;
        counts.unchanged += result.unchanged;
        counts.skipped += result.skipped;
        result.rejections.forEach(report::reject);
    }

    private void applyAndReport(RegisterWriter.Result result, ImportReport report) {
        apply(result, report);
        report.hospitalEventsReported(hospitalEvents.report(result.hospitalEventPatients));
    }
}
