package org.coordinatedcare.fhir;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * Resources of an import waiting on disk, one temporary file per resource type, so an NDJSON file in any order (or a
 * Bundle) is read once as it streams in and then written in dependency order without being held in memory. A record
 * is one line: source number, position (NDJSON line or Bundle entry index), fullUrl and the resource's JSON.
 */
final class Spool implements Closeable {

    /** The order of writing: what a resource refers to is written before it. */
    static final List<String> ORDER =
            List.of("Organization", "Practitioner", "Patient", "Condition", "Encounter", "Observation");

    record Source(String name, boolean bundle) {}

    record Entry(Source source, int position, String fullUrl, String json) {

        ImportReport.Rejection reject(String resourceType, String id, String reason) {
            return rejection(source, position, resourceType, id, reason);
        }
    }

    static ImportReport.Rejection rejection(
            Source source, int position, String resourceType, String id, String reason) {
        return new ImportReport.Rejection(
                source.name(),
                source.bundle() ? null : position,
                source.bundle() ? position : null,
                resourceType,
                id,
                reason);
    }

    private final Path dir;
    private final Map<String, BufferedWriter> writers = new HashMap<>();
    private final Map<String, Integer> sizes = new HashMap<>();
    private final List<Source> sources = new ArrayList<>();
    /** Bundle fullUrl → "Type/id", to resolve urn:uuid references. */
    private final Map<String, String> fullUrls = new HashMap<>();

    Spool() {
        try {
            dir = Files.createTempDirectory("fhir-import-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary folder for the import", e);
        }
    }

    int source(String name, boolean bundle) {
        sources.add(new Source(name, bundle));
        return sources.size() - 1;
    }

    Source sourceOf(int source) {
        return sources.get(source);
    }

    void add(int source, int position, String fullUrl, String resourceType, String json) throws IOException {
        BufferedWriter writer = writers.get(resourceType);
        if (writer == null) {
            writer = Files.newBufferedWriter(dir.resolve(resourceType + ".spool"), StandardCharsets.UTF_8);
            writers.put(resourceType, writer);
        }
        writer.write(Integer.toString(source));
        writer.write('\t');
        writer.write(Integer.toString(position));
        writer.write('\t');
        writer.write(fullUrl == null ? "" : fullUrl);
        writer.write('\t');
        writer.write(json);
        writer.write('\n');
        sizes.merge(resourceType, 1, Integer::sum);
    }

    void fullUrl(String fullUrl, String resourceType, String id) {
        fullUrls.put(fullUrl, resourceType + "/" + id);
    }

    /** "Type/id" of a Bundle entry's fullUrl, or null when no entry of this import has it. */
    String resolveFullUrl(String fullUrl) {
        return fullUrls.get(fullUrl);
    }

    int size(String resourceType) {
        return sizes.getOrDefault(resourceType, 0);
    }

    /** The spooled entries of one type in the order they came; finish writing first. */
    Iterator<Entry> entries(String resourceType) throws IOException {
        for (BufferedWriter writer : writers.values()) {
            writer.flush();
        }
        Path file = dir.resolve(resourceType + ".spool");
        if (!Files.exists(file)) {
            return List.<Entry>of().iterator();
        }
        BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        return new Iterator<>() {
            String next = read();

            private String read() {
                try {
                    String line = reader.readLine();
                    if (line == null) {
                        reader.close();
                    }
                    return line;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Entry next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                String line = next;
                next = read();
                int a = line.indexOf('\t');
                int b = line.indexOf('\t', a + 1);
                int c = line.indexOf('\t', b + 1);
                String fullUrl = line.substring(b + 1, c);
                return new Entry(
                        sources.get(Integer.parseInt(line.substring(0, a))),
                        Integer.parseInt(line.substring(a + 1, b)),
                        fullUrl.isEmpty() ? null : fullUrl,
                        line.substring(c + 1));
            }
        };
    }

    @Override
    public void close() {
        for (BufferedWriter writer : writers.values()) {
            try {
                writer.close();
            } catch (IOException ignored) {
                // deleted below anyway
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is not worth failing the import for
        }
    }
}
