package org.coordinatedcare.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The LTC definition: {@code reference/ltc-conditions.csv} (QOF registers and Cambridge Multimorbidity Score
 * conditions by SNOMED CT code) copied into table {@code ltc_condition} at every start, so SQL can join it. A row whose
 * {@code descendants} is {@code yes} stands for the concept and its descendants: when a SNOMED CT release's
 * relationship snapshot is configured ({@code coordinated-care.snomed.relationships}) they are added, each naming the
 * listed concept it descends from, except under a row of the same category marked {@code exclude}; without one the
 * curated list stands. The copy is a diff (insert, update, delete), so a start with an unchanged list writes nothing.
 * The list's version (a hash of the loaded codes, and the release or "curated") is kept in {@code ltc_code_list}.
 */
@Component
@Order(0)
public class LtcConditions implements ApplicationRunner {

    /**
     * A condition row (alias {@code c}) that counts: clinical status active, recurrence or relapse, or no status and no
     * abatement; and not refuted or entered in error. Every LTC count uses this one predicate.
     */
    public static final String ACTIVE_CONDITION = """
            (c.clinical_status in ('active', 'recurrence', 'relapse')
                  or (c.clinical_status is null and c.abatement_date is null))
              and (c.verification_status is null or c.verification_status not in ('refuted', 'entered-in-error'))""";

    static final String RESOURCE = "reference/ltc-conditions.csv";
    static final String HEADER = "snomed_code,description,ltc_category,descendants";
    /** Case finding carries a patient's categories as the bits of one {@code bigint}. */
    public static final int MAX_CATEGORIES = Long.SIZE - 1;

    private static final Logger log = LoggerFactory.getLogger(LtcConditions.class);

    /** What a row says about the concept's descendants. */
    enum Descendants {
        /** the concept only */
        NO,
        /** the concept and its descendants */
        YES,
        /** neither the concept nor its descendants count towards the category, though an ancestor listed there does */
        EXCLUDE
    }

    /** One row of the CSV. */
    record Row(String snomedCode, String description, String ltcCategory, Descendants descendants) {}

    /** The list after expansion, and its version. */
    record Loaded(List<LtcCondition> codes, String version) {}

    private final JdbcClient jdbc;
    private final String relationships;
    private final String descriptions;

    public LtcConditions(
            JdbcClient jdbc,
            @Value("${coordinated-care.snomed.relationships:}") String relationships,
            @Value("${coordinated-care.snomed.descriptions:}") String descriptions) {
        this.jdbc = jdbc;
        this.relationships = relationships;
        this.descriptions = descriptions;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        SnomedHierarchy hierarchy = null;
        if (!relationships.isBlank()) {
            long started = System.nanoTime();
            hierarchy = SnomedHierarchy.read(Path.of(relationships));
            log.info(
                    "SNOMED CT hierarchy {} (release {}) read in {} ms",
                    relationships,
                    hierarchy.release(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        Path names = descriptions.isBlank() ? null : Path.of(descriptions);
        Loaded loaded = load(read(), hierarchy, names);
        Map<String, LtcCondition> wanted = new LinkedHashMap<>();
        loaded.codes().forEach(row -> wanted.put(row.snomedCode(), row));
        Map<String, LtcCondition> stored = new LinkedHashMap<>();
        all().forEach(row -> stored.put(row.snomedCode(), row));
        int changes = 0;
        for (LtcCondition row : wanted.values()) {
            LtcCondition existing = stored.get(row.snomedCode());
            if (existing == null) {
                jdbc.sql("insert into ltc_condition (snomed_code, description, ltc_category, descends_from)"
                                + " values (?, ?, ?, ?)")
                        .params(row.snomedCode(), row.description(), row.ltcCategory(), row.descendsFrom())
                        .update();
                changes++;
            } else if (!existing.equals(row)) {
                jdbc.sql("update ltc_condition set description = ?, ltc_category = ?, descends_from = ?"
                                + " where snomed_code = ?")
                        .params(row.description(), row.ltcCategory(), row.descendsFrom(), row.snomedCode())
                        .update();
                changes++;
            }
        }
        for (String code : stored.keySet()) {
            if (!wanted.containsKey(code)) {
                jdbc.sql("delete from ltc_condition where snomed_code = ?")
                        .param(code)
                        .update();
                changes++;
            }
        }
        if (!loaded.version().equals(version())) {
            jdbc.sql("delete from ltc_code_list").update();
            jdbc.sql("insert into ltc_code_list (id, version, codes, loaded_at) values (1, ?, ?, ?)")
                    .params(loaded.version(), wanted.size(), Timestamp.from(Instant.now()))
                    .update();
        }
        if (changes > 0) {
            log.info(
                    "LTC definition refreshed from {}: {} codes, {} changed, version {}",
                    RESOURCE,
                    wanted.size(),
                    changes,
                    loaded.version());
        }
    }

    public List<LtcCondition> all() {
        return jdbc.sql("select snomed_code, description, ltc_category, descends_from from ltc_condition"
                        + " order by ltc_category, snomed_code")
                .query(LtcCondition.class)
                .list();
    }

    /** The version of the list in {@code ltc_condition}; null before the first start has loaded one. */
    public String version() {
        return jdbc.sql("select version from ltc_code_list where id = 1")
                .query(String.class)
                .optional()
                .orElse(null);
    }

    public LtcCodeList codeList() {
        return new LtcCodeList(version(), all());
    }

    /**
     * The listed rows, then (with a hierarchy) each {@code yes} row's descendants in its category unless excluded
     * there or already listed; a concept under two listed concepts counts towards the one listed first.
     */
    static Loaded load(List<Row> rows, SnomedHierarchy hierarchy, Path descriptions) {
        Map<String, LtcCondition> codes = new LinkedHashMap<>();
        Set<String> categories = new HashSet<>();
        for (Row row : rows) {
            if (row.descendants() != Descendants.EXCLUDE) {
                codes.put(row.snomedCode(), new LtcCondition(row.snomedCode(), row.description(), row.ltcCategory()));
                categories.add(row.ltcCategory());
            }
        }
        if (categories.size() > MAX_CATEGORIES) {
            throw new IllegalStateException(RESOURCE + " has " + categories.size() + " LTC categories; at most "
                    + MAX_CATEGORIES + " are supported");
        }
        if (hierarchy != null) {
            Map<String, Set<String>> excluded = new HashMap<>();
            for (Row row : rows) {
                if (row.descendants() == Descendants.EXCLUDE) {
                    Set<String> out = excluded.computeIfAbsent(row.ltcCategory(), category -> new HashSet<>());
                    out.add(row.snomedCode());
                    out.addAll(hierarchy.descendants(row.snomedCode()));
                }
            }
            Map<String, Row> found = new LinkedHashMap<>();
            int elsewhere = 0;
            for (Row row : rows) {
                if (row.descendants() != Descendants.YES) {
                    continue;
                }
                for (String code : hierarchy.descendants(row.snomedCode())) {
                    if (excluded.getOrDefault(row.ltcCategory(), Set.of()).contains(code)) {
                        continue;
                    }
                    LtcCondition listed = codes.get(code);
                    Row first = found.get(code);
                    if (listed == null && first == null) {
                        found.put(code, row);
                    } else if (!row.ltcCategory().equals(first != null ? first.ltcCategory() : listed.ltcCategory())) {
                        elsewhere++;
                    }
                }
            }
            Map<String, String> terms =
                    descriptions == null ? Map.of() : SnomedHierarchy.fullySpecifiedNames(descriptions, found.keySet());
            found.forEach((code, root) -> codes.put(
                    code,
                    new LtcCondition(
                            code,
                            terms.getOrDefault(code, "(a descendant of " + root.description() + ")"),
                            root.ltcCategory(),
                            root.snomedCode())));
            if (elsewhere > 0) {
                log.info(
                        "{} descendants fall under listed concepts of two categories; each counts towards one",
                        elsewhere);
            }
        }
        List<LtcCondition> list = new ArrayList<>(codes.values());
        return new Loaded(list, version(list, hierarchy == null ? "curated" : "snomed-" + hierarchy.release()));
    }

    /** The first 12 hex digits of a SHA-256 over the codes, categories and ancestors, then where they came from. */
    static String version(List<LtcCondition> codes, String source) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            codes.stream()
                    .map(row -> row.snomedCode() + "," + row.ltcCategory() + "," + row.descendsFrom() + "\n")
                    .sorted()
                    .forEach(line -> sha.update(line.getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12) + "+" + source;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The CSV as shipped: header {@code snomed_code,description,ltc_category,descendants}, fields quoted when they hold
     * commas; descendants is {@code yes}, {@code no} or {@code exclude}.
     */
    static List<Row> read() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new ClassPathResource(RESOURCE).getInputStream(), StandardCharsets.UTF_8))) {
            return read(in, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Row> read(BufferedReader in, String name) throws IOException {
        List<Row> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String header = in.readLine();
        if (header == null || !header.strip().replace("\uFEFF", "").equals(HEADER)) {
            throw new IllegalStateException(name + " must start with the header " + HEADER);
        }
        String line;
        int number = 1;
        while ((line = in.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            List<String> fields = fields(line);
            if (fields.size() != 4
                    || !fields.get(0).matches("\\d{6,18}")
                    || fields.get(2).isBlank()
                    || !fields.get(3).matches("yes|no|exclude")) {
                throw new IllegalStateException(
                        name + " line " + number + " is not 'code,description,category,yes|no|exclude': " + line);
            }
            if (!seen.add(fields.get(0))) {
                throw new IllegalStateException(name + " line " + number + " lists " + fields.get(0) + " again");
            }
            rows.add(new Row(
                    fields.get(0),
                    fields.get(1),
                    fields.get(2),
                    Descendants.valueOf(fields.get(3).toUpperCase(java.util.Locale.ROOT))));
        }
        return rows;
    }

    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted && ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                fields.add(field.toString().strip());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        fields.add(field.toString().strip());
        return fields;
    }
}
