package org.coordinatedcare.fhir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What an import did: per resource type how many rows were created, updated, left unchanged or skipped (types and
 * kinds we do not use), and each rejected entry with where it was (NDJSON line, 1-based, or Bundle entry index,
 * 0-based) and a plain reason. Only the first {@value #LISTED_REJECTIONS} rejections are listed; all are counted.
 */
public class ImportReport {

    static final int LISTED_REJECTIONS = 1000;

    /** Counts for one resource type. */
    public static class Counts {
        public int created;
        public int updated;
        public int unchanged;
        public int skipped;
        public int rejected;

        int written() {
            return created + updated + unchanged;
        }
    }

    /** One refused entry: {@code line} for NDJSON, {@code index} for a Bundle entry; {@code source} names the file. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rejection(
            String source, Integer line, Integer index, String resourceType, String id, String reason) {}

    private final String format;
    private String bundleType;
    private boolean committed = true;
    private final Map<String, Counts> resources = new LinkedHashMap<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private int rejectionCount;
    private int hospitalEventsReported;

    public ImportReport(String format) {
        this.format = format;
    }

    public String getFormat() {
        return format;
    }

    public String getBundleType() {
        return bundleType;
    }

    void setBundleType(String bundleType) {
        this.bundleType = bundleType;
    }

    /** False when a transaction Bundle was refused as a whole: nothing was written. */
    public boolean isCommitted() {
        return committed;
    }

    /** Counts per resource type: the types we import in the order we write them, then the types we skipped. */
    public Map<String, Counts> getResources() {
        Map<String, Counts> ordered = new LinkedHashMap<>();
        Spool.ORDER.stream().filter(resources::containsKey).forEach(type -> ordered.put(type, resources.get(type)));
        ordered.putAll(resources);
        return ordered;
    }

    public List<Rejection> getRejections() {
        return rejections;
    }

    public int getRejectionCount() {
        return rejectionCount;
    }

    public int getHospitalEventsReported() {
        return hospitalEventsReported;
    }

    public Counts counts(String resourceType) {
        return resources.computeIfAbsent(resourceType, t -> new Counts());
    }

    void reject(Rejection rejection) {
        counts(rejection.resourceType() == null ? "unknown" : rejection.resourceType()).rejected++;
        rejectionCount++;
        if (rejections.size() < LISTED_REJECTIONS) {
            rejections.add(rejection);
        }
    }

    void hospitalEventsReported(int count) {
        hospitalEventsReported += count;
    }

    /** A refused transaction: every count of written rows goes back to zero, the rejections stay. */
    void rolledBack() {
        committed = false;
        resources.values().forEach(c -> {
            c.created = 0;
            c.updated = 0;
            c.unchanged = 0;
        });
    }

    /** Resources processed so far (written, skipped or rejected), for progress lines. */
    public long processed() {
        return resources.values().stream()
                .mapToLong(c -> c.written() + c.skipped + c.rejected)
                .sum();
    }

    public String summary() {
        StringBuilder text = new StringBuilder();
        getResources()
                .forEach((type, c) -> text.append(String.format(
                        "%s: %d created, %d updated, %d unchanged, %d skipped, %d rejected%n",
                        type, c.created, c.updated, c.unchanged, c.skipped, c.rejected)));
        text.append(rejectionCount)
                .append(" rejected in all; ")
                .append(hospitalEventsReported)
                .append(" hospital events reported to pathways");
        return text.toString();
    }
}
