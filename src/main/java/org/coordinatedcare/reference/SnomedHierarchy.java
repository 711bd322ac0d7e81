package org.coordinatedcare.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The is-a hierarchy of a SNOMED CT release, read from an RF2 relationship snapshot
 * ({@code sct2_Relationship_Snapshot_*.txt}: id, effectiveTime, active, moduleId, sourceId, destinationId,
 * relationshipGroup, typeId, characteristicTypeId, modifierId). The file is streamed once and only active is-a rows are
 * kept, as child lists per parent (a full release, about a million is-a rows, takes some tens of megabytes); descendants
 * are then found breadth first from the concepts asked for only.
 */
public final class SnomedHierarchy {

    static final String IS_A = "116680003";
    static final String FULLY_SPECIFIED_NAME = "900000000000003001";
    private static final Pattern RELEASE_IN_NAME = Pattern.compile("_(\\d{8})(?:\\D[^/\\\\]*)?\\.txt$");

    private final Map<Long, long[]> children;
    private final String release;

    private SnomedHierarchy(Map<Long, long[]> children, String release) {
        this.children = children;
        this.release = release;
    }

    /** The release date: from the file name ({@code ..._INT_20250101.txt}), else the latest effective time in it. */
    public String release() {
        return release;
    }

    public static SnomedHierarchy read(Path relationships) {
        Map<Long, long[]> children = new HashMap<>();
        String latest = "";
        try (BufferedReader in = Files.newBufferedReader(relationships, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.startsWith("id\teffectiveTime\tactive\tmoduleId\tsourceId\tdestinationId")) {
                throw new IllegalStateException(
                        relationships + " is not an RF2 relationship file (header: " + header + ")");
            }
            String line;
            String[] field = new String[8];
            while ((line = in.readLine()) != null) {
                if (!split(line, field)) {
                    continue;
                }
                if (field[1].compareTo(latest) > 0) {
                    latest = field[1];
                }
                if (!"1".equals(field[2]) || !IS_A.equals(field[7])) {
                    continue;
                }
                add(children, Long.parseLong(field[5]), Long.parseLong(field[4]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        children.replaceAll((parent, list) -> Arrays.copyOf(list, (int) list[0] + 1));
        Matcher named = RELEASE_IN_NAME.matcher(relationships.getFileName().toString());
        return new SnomedHierarchy(children, named.find() ? named.group(1) : latest);
    }

    /** The concept's descendants (not the concept itself), nearest first. */
    public Set<String> descendants(String concept) {
        return descendants(Set.of(concept));
    }

    /** The descendants of any of the concepts (not the concepts themselves, unless one descends from another). */
    public Set<String> descendants(Collection<String> concepts) {
        Set<Long> seen = new LinkedHashSet<>();
        ArrayDeque<Long> queue = new ArrayDeque<>();
        concepts.forEach(concept -> queue.add(Long.parseLong(concept)));
        while (!queue.isEmpty()) {
            long[] list = children.get(queue.poll());
            if (list == null) {
                continue;
            }
            for (int i = 1; i <= list[0]; i++) {
                if (seen.add(list[i])) {
                    queue.add(list[i]);
                }
            }
        }
        Set<String> codes = new LinkedHashSet<>();
        seen.forEach(code -> codes.add(Long.toString(code)));
        return codes;
    }

    /**
     * The fully specified names of the concepts, from an RF2 description snapshot
     * ({@code sct2_Description_Snapshot-en_*.txt}: id, effectiveTime, active, moduleId, conceptId, languageCode, typeId,
     * term, caseSignificanceId), streamed once; concepts without an active one are left out.
     */
    public static Map<String, String> fullySpecifiedNames(Path descriptions, Set<String> concepts) {
        Map<String, String> names = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(descriptions, StandardCharsets.UTF_8)) {
            in.readLine();
            String line;
            String[] field = new String[8];
            while ((line = in.readLine()) != null) {
                if (split(line, field)
                        && "1".equals(field[2])
                        && FULLY_SPECIFIED_NAME.equals(field[6])
                        && concepts.contains(field[4])) {
                    names.put(field[4], field[7]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** Child list with its length in slot 0, grown by doubling. */
    private static void add(Map<Long, long[]> children, long parent, long child) {
        long[] list = children.get(parent);
        if (list == null) {
            list = new long[4];
        } else if (list[0] + 1 == list.length) {
            list = Arrays.copyOf(list, list.length * 2);
        } else {
            list[(int) ++list[0]] = child;
            return;
        }
        list[(int) ++list[0]] = child;
        children.put(parent, list);
    }

    /** The first eight tab-separated fields, without splitting the rest; false for a short or blank line. */
    private static boolean split(String line, String[] field) {
        int start = 0;
        for (int i = 0; i < field.length; i++) {
            int tab = line.indexOf('\t', start);
            if (tab < 0) {
                if (i < field.length - 1) {
                    return false;
                }
                tab = line.length();
            }
            field[i] = line.substring(start, tab);
            start = tab + 1;
        }
        return true;
    }
}
