package org.coordinatedcare.fhir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

import org.coordinatedcare.web.InvalidRequestException;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;

/**
 * Fills the register from FHIR R4: a Bundle ({@code transaction}: all or nothing in one database transaction; any other
 * type entry by entry) or Bulk Data NDJSON (one resource per line, any types, any order), or a folder of both.
 * <p>
 * The body is streamed once onto disk by resource type ({@link Spool}; Jackson streaming for a Bundle, so neither is
 * held in memory), then written in dependency order (Organization, Practitioner, Patient, Condition, Encounter,
 * Observation) in batches of {@value #BATCH}, HAPI parsing one resource at a time. Outside a transaction Bundle each
 * batch commits on its own; if the database refuses a batch, its entries are retried one by one so only the faulty
 * entry is rejected. New hospital encounters are reported to pathways after their batch has committed.
 */
@Service
public class FhirImporter {

    private static final Logger log = LoggerFactory.getLogger(FhirImporter.class);
    static final int BATCH = 2000;
    /** Batches parsed ahead of the database: enough to keep it busy, few enough to keep memory small. */
    private static final int WRITES_AHEAD = 2;
    static final Set<String> SUPPORTED = Set.copyOf(Spool.ORDER);

    private final FhirContext fhir;
    private final RegisterWriter writer;
    private final HospitalEvents hospitalEvents;
    private final TransactionTemplate transactions;
    private final ObjectMapper json = new ObjectMapper();
    private final JsonFactory jsonFactory = json.getFactory();

    public FhirImporter(FhirContext fhir, RegisterWriter writer, HospitalEvents hospitalEvents,
            PlatformTransactionManager transactionManager) {
        this.fhir = fhir;
        this.writer = writer;
        this.hospitalEvents = hospitalEvents;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** FHIR Bulk Data NDJSON; a body of which no line is a JSON resource is refused whole (400), writing nothing. */
    public ImportReport importNdjson(InputStream body) {
        ImportReport report = new ImportReport("ndjson");
        try (Spool spool = new Spool()) {
            int valid = spoolNdjson(body, spool, spool.source(null, false), report);
            if (valid == 0) {
                throw new InvalidRequestException("body", report.getRejectionCount() == 0
                        ? "The body is empty: send FHIR resources, one JSON object per line (application/fhir+ndjson)"
                        : "The body is not NDJSON: no line is a JSON object with a resourceType ("
                                + report.getRejections().get(0).reason() + ")");
            }
            write(spool, report, false, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the import failed", e);
        }
        return report;
    }

    /** A FHIR Bundle; a body that is not a JSON Bundle is refused whole (400), writing nothing. */
    public ImportReport importBundle(InputStream body) {
        ImportReport report = new ImportReport("bundle");
        try (Spool spool = new Spool()) {
            String type = spoolBundle(body, spool, spool.source(null, true), report);
            report.setBundleType(type);
            boolean transaction = "transaction".equals(type);
            if (transaction && report.getRejectionCount() > 0) {
                report.rolledBack();
                return report;
            }
            write(spool, report, transaction, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the import failed", e);
        }
        return report;
    }

    /**
     * Every {@code .ndjson} and {@code .json} (Bundle) file of a folder as one import, so files may come in any order
     * (Bulk Data exports one file per type). Bundles here go entry by entry, whatever their type.
     */
    public ImportReport importDirectory(Path folder, LongConsumer progress) throws IOException {
        ImportReport report = new ImportReport("folder");
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(f -> f.toString().endsWith(".ndjson") || f.toString().endsWith(".json")).sorted().toList();
        }
        try (Spool spool = new Spool()) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                log.info("Reading {}", file);
                try (InputStream in = Files.newInputStream(file)) {
                    if (name.endsWith(".ndjson")) {
                        spoolNdjson(in, spool, spool.source(name, false), report);
                    } else {
                        spoolBundle(in, spool, spool.source(name, true), report);
                    }
                } catch (InvalidRequestException e) {
                    report.reject(new ImportReport.Rejection(name, null, null, null, null, e.getMessage()));
                }
            }
            write(spool, report, false, progress);
        }
        return report;
    }

    // Reading: syntax and resource type only; HAPI parses each resource when it is written.

    private int spoolNdjson(InputStream body, Spool spool, int source, ImportReport report) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);
        int number = 0;
        int valid = 0;
        String line;
        while ((line = lines.readLine()) != null) {
            number++;
            if (number == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1); // a byte order mark some Windows tools write
            }
            if (line.isBlank()) {
                continue;
            }
            String resourceType;
            try {
                resourceType = resourceTypeOf(line);
            } catch (JsonProcessingException e) {
                report.reject(Spool.rejection(spool.sourceOf(source), number, null, null,
                        "line is not valid JSON: " + e.getOriginalMessage()));
                continue;
            }
            if (resourceType == null) {
                report.reject(Spool.rejection(spool.sourceOf(source), number, null, null,
                        "line is not a FHIR resource (a JSON object with a resourceType)"));
                continue;
            }
            valid++;
            if (SUPPORTED.contains(resourceType)) {
                spool.add(source, number, null, resourceType, line);
            } else {
                report.counts(resourceType).skipped++;
            }
        }
        return valid;
    }

    /** The top-level resourceType of one JSON object, reading the whole line so a syntax error anywhere is found. */
    private String resourceTypeOf(String line) throws IOException {
        try (JsonParser parser = jsonFactory.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String resourceType = null;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                token = parser.nextToken();
                if ("resourceType".equals(field) && token == JsonToken.VALUE_STRING) {
                    resourceType = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new JsonProcessingException("more than one JSON value on the line") {
                };
            }
            return resourceType;
        }
    }

    private String spoolBundle(InputStream body, Spool spool, int source, ImportReport report) throws IOException {
        String bundleType = null;
        boolean isBundle = false;
        try (JsonParser parser = jsonFactory.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidRequestException("body", "The body is not a FHIR Bundle: expected a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (field) {
                    case "resourceType" -> {
                        if (!"Bundle".equals(parser.getText())) {
                            throw new InvalidRequestException("resourceType",
                                    "Expected a Bundle, got a " + parser.getText() + " (send single resources as NDJSON)");
                        }
                        isBundle = true;
                    }
                    case "type" -> bundleType = parser.getText();
                    case "entry" -> {
                        if (token != JsonToken.START_ARRAY) {
                            throw new InvalidRequestException("entry", "Bundle.entry must be an array");
                        }
                        int index = 0;
                        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                            if (token == JsonToken.START_OBJECT) {
                                spoolEntry(json.readTree(parser), index, spool, source, report);
                            } else {
                                parser.skipChildren();
                                report.reject(Spool.rejection(spool.sourceOf(source), index, null, null, "entry is not a JSON object"));
                            }
                            index++;
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("body", "The body is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")" : ""));
        }
        if (!isBundle) {
            throw new InvalidRequestException("resourceType", "The body is not a FHIR Bundle: resourceType \"Bundle\" is missing");
        }
        return bundleType == null ? "collection" : bundleType;
    }

    private void spoolEntry(JsonNode entry, int index, Spool spool, int source, ImportReport report) throws IOException {
        Spool.Source where = spool.sourceOf(source);
        JsonNode resource = entry.get("resource");
        String fullUrl = entry.hasNonNull("fullUrl") ? entry.get("fullUrl").asText() : null;
        if (resource == null || !resource.isObject()) {
            report.reject(Spool.rejection(where, index, null, null, "entry has no resource"));
            return;
        }
        String resourceType = resource.path("resourceType").asText(null);
        String id = resource.hasNonNull("id") ? resource.get("id").asText() : null;
        if (resourceType == null) {
            report.reject(Spool.rejection(where, index, null, id, "resource has no resourceType"));
            return;
        }
        String method = entry.path("request").path("method").asText("");
        String url = entry.path("request").path("url").asText("");
        if (id == null && "PUT".equals(method) && url.matches(resourceType + "/[A-Za-z0-9\\-.]{1,64}")) {
            id = url.substring(resourceType.length() + 1); // an update names its id in the request URL
            ((com.fasterxml.jackson.databind.node.ObjectNode) resource).put("id", id);
        }
        if ("DELETE".equals(method) || "PATCH".equals(method)) {
            report.reject(Spool.rejection(where, index, resourceType, id, method + " is not supported; send the resource to create or update it"));
            return;
        }
        if (fullUrl != null) {
            String fhirId = id != null ? id : fullUrl.startsWith("urn:uuid:") ? fullUrl.substring("urn:uuid:".length()) : null;
            if (fhirId != null) {
                spool.fullUrl(fullUrl, resourceType, fhirId);
            }
        }
        if (SUPPORTED.contains(resourceType)) {
            spool.add(source, index, fullUrl, resourceType, json.writeValueAsString(resource));
        } else {
            report.counts(resourceType).skipped++;
        }
    }

    // Writing, in dependency order and batches

    private void write(Spool spool, ImportReport report, boolean transaction, LongConsumer progress) throws IOException {
        RegisterWriter.Context context = new RegisterWriter.Context(spool);
        IParser parser = fhir.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(false));
        if (!transaction) {
            // each batch commits on its own, on the write-ahead thread; the report is only ever touched there
            try (WriteAhead writes = new WriteAhead(WRITES_AHEAD)) {
                for (String type : Spool.ORDER) {
                    eachBatch(spool, type, parser, (batch, unreadable) -> writes.submit(() -> {
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
                        eachBatch(spool, type, parser, (batch, unreadable) -> {
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
            report.reject(new ImportReport.Rejection(null, null, null, null, null,
                    "The database refused the transaction: " + e.getMostSpecificCause().getMessage()));
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

    private interface BatchHandler {
        /** A batch of parsed resources, with the entries HAPI could not read since the previous batch. */
        void handle(List<RegisterWriter.Parsed> batch, List<ImportReport.Rejection> unreadable);
    }

    /**
     * Parses one type's spooled entries with HAPI into batches; an entry HAPI cannot read, or without a usable id, is
     * handed on as a rejection with the next batch (the last call may carry rejections only).
     */
    private void eachBatch(Spool spool, String type, IParser parser, BatchHandler handler) throws IOException {
        List<RegisterWriter.Parsed> batch = new ArrayList<>(BATCH);
        List<ImportReport.Rejection> unreadable = new ArrayList<>();
        Iterator<Spool.Entry> entries = spool.entries(type);
        while (entries.hasNext()) {
            RegisterWriter.Parsed parsed = parse(entries.next(), type, parser, unreadable);
            if (parsed != null) {
                batch.add(parsed);
            }
            // rejections are handed on in batches too, so a file of unreadable entries never piles up in memory
            if (batch.size() == BATCH || unreadable.size() == BATCH) {
                handler.handle(batch, unreadable);
                batch = new ArrayList<>(BATCH);
                unreadable = new ArrayList<>();
            }
        }
        if (!batch.isEmpty() || !unreadable.isEmpty()) {
            handler.handle(batch, unreadable);
        }
    }

    /** The entry as HAPI reads it, with its FHIR id; null when it is added to {@code unreadable} instead. */
    private static RegisterWriter.Parsed parse(Spool.Entry entry, String type, IParser parser,
            List<ImportReport.Rejection> unreadable) {
        Resource resource;
        try {
            resource = (Resource) parser.parseResource(entry.json());
        } catch (RuntimeException e) {
            unreadable.add(entry.reject(type, null, "cannot be read as a FHIR R4 " + type + ": " + e.getMessage()));
            return null;
        }
        String fhirId = FhirValues.fhirId(resource, entry.fullUrl());
        if (fhirId == null) {
            unreadable.add(entry.reject(type, null, type + " has no id"));
            return null;
        }
        if (fhirId.length() > 64) {
            unreadable.add(entry.reject(type, fhirId, "id is longer than 64 characters"));
            return null;
        }
        return new RegisterWriter.Parsed(entry, resource, fhirId);
    }

    /** One batch in its own transaction; if the database refuses it, entry by entry so only the faulty one is lost. */
    private RegisterWriter.Result writeOnItsOwn(String type, List<RegisterWriter.Parsed> batch, RegisterWriter.Context context) {
        try {
            return transactions.execute(status -> writer.write(type, batch, context));
        } catch (DataAccessException batchRefused) {
            RegisterWriter.Result all = new RegisterWriter.Result(type);
            for (RegisterWriter.Parsed parsed : batch) {
                try {
                    RegisterWriter.Result one = transactions.execute(status -> writer.write(type, List.of(parsed), context));
                    all.created += one.created;
                    all.updated += one.updated;
                    all.unchanged += one.unchanged;
                    all.skipped += one.skipped;
                    all.rejections.addAll(one.rejections);
                    all.hospitalEventPatients.addAll(one.hospitalEventPatients);
                } catch (DataAccessException e) {
                    all.reject(parsed, "the database refused it: " + e.getMostSpecificCause().getMessage());
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
