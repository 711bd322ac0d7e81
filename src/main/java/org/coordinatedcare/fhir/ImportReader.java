package org.coordinatedcare.fhir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.coordinatedcare.web.InvalidRequestException;
import org.hl7.fhir.r4.model.Resource;

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
 * The reading half of an import, in two passes. First NDJSON lines and Bundle entries stream onto the {@link Spool}
 * with Jackson, checking only syntax and resource type (a body that is not NDJSON or a Bundle at all is refused
 * whole); then, as the writer asks for them, HAPI parses one type's spooled entries into batches. Whatever cannot be
 * read becomes a rejection in the report, in the entry's own words and place.
 */
final class ImportReader {

    static final Set<String> SUPPORTED = Set.copyOf(Spool.ORDER);

    private final FhirContext fhir;
    private final ObjectMapper json = new ObjectMapper();
    private final JsonFactory jsonFactory = json.getFactory();

    ImportReader(FhirContext fhir) {
        this.fhir = fhir;
    }

    // Spooling: syntax and resource type only; HAPI parses each resource when it is written.

    int spoolNdjson(InputStream body, Spool spool, int source, ImportReport report) throws IOException {
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
                report.reject(Spool.rejection(
                        spool.sourceOf(source),
                        number,
                        null,
                        null,
                        "line is not valid JSON: " + e.getOriginalMessage()));
                continue;
            }
            if (resourceType == null) {
                report.reject(Spool.rejection(
                        spool.sourceOf(source),
                        number,
                        null,
                        null,
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
                throw new JsonProcessingException("more than one JSON value on the line") {};
            }
            return resourceType;
        }
    }

    String spoolBundle(InputStream body, Spool spool, int source, ImportReport report) throws IOException {
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
                            throw new InvalidRequestException(
                                    "resourceType",
                                    "Expected a Bundle, got a " + parser.getText()
                                            + " (send single resources as NDJSON)");
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
                                report.reject(Spool.rejection(
                                        spool.sourceOf(source), index, null, null, "entry is not a JSON object"));
                            }
                            index++;
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(
                    "body",
                    "The body is not valid JSON: " + e.getOriginalMessage()
                            + (e.getLocation() != null
                                    ? " (line " + e.getLocation().getLineNr() + ", column "
                                            + e.getLocation().getColumnNr() + ")"
                                    : ""));
        }
        if (!isBundle) {
            throw new InvalidRequestException(
                    "resourceType", "The body is not a FHIR Bundle: resourceType \"Bundle\" is missing");
        }
        return bundleType == null ? "collection" : bundleType;
    }

    private void spoolEntry(JsonNode entry, int index, Spool spool, int source, ImportReport report)
            throws IOException {
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
            report.reject(Spool.rejection(
                    where,
                    index,
                    resourceType,
                    id,
                    method + " is not supported; send the resource to create or update it"));
            return;
        }
        if (fullUrl != null) {
            String fhirId =
                    id != null ? id : fullUrl.startsWith("urn:uuid:") ? fullUrl.substring("urn:uuid:".length()) : null;
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

    // Parsing with HAPI, one batch at a time

    /** A parser for one import: lenient, so an unknown element or invalid value does not lose the whole resource. */
    IParser parser() {
        return fhir.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(false));
    }

    interface BatchHandler {
        /** A batch of parsed resources, with the entries HAPI could not read since the previous batch. */
        void handle(List<RegisterWriter.Parsed> batch, List<ImportReport.Rejection> unreadable);
    }

    /**
     * Parses one type's spooled entries with HAPI into batches; an entry HAPI cannot read, or without a usable id, is
     * handed on as a rejection with the next batch (the last call may carry rejections only).
     */
    void eachBatch(Spool spool, String type, IParser parser, BatchHandler handler) throws IOException {
        List<RegisterWriter.Parsed> batch = new ArrayList<>(FhirImporter.BATCH);
        List<ImportReport.Rejection> unreadable = new ArrayList<>();
        Iterator<Spool.Entry> entries = spool.entries(type);
        while (entries.hasNext()) {
            RegisterWriter.Parsed parsed = parse(entries.next(), type, parser, unreadable);
            if (parsed != null) {
                batch.add(parsed);
            }
            // rejections are handed on in batches too, so a file of unreadable entries never piles up in memory
            if (batch.size() == FhirImporter.BATCH || unreadable.size() == FhirImporter.BATCH) {
                handler.handle(batch, unreadable);
                batch = new ArrayList<>(FhirImporter.BATCH);
                unreadable = new ArrayList<>();
            }
        }
        if (!batch.isEmpty() || !unreadable.isEmpty()) {
            handler.handle(batch, unreadable);
        }
    }

    /** The entry as HAPI reads it, with its FHIR id; null when it is added to {@code unreadable} instead. */
    private static RegisterWriter.Parsed parse(
            Spool.Entry entry, String type, IParser parser, List<ImportReport.Rejection> unreadable) {
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
}
