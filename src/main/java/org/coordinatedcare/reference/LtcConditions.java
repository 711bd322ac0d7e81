package org.coordinatedcare.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The LTC definition: {@code reference/ltc-conditions.csv} (QOF registers and Cambridge Multimorbidity Score
 * conditions by SNOMED CT code) copied into table {@code ltc_condition} at every start, so SQL can join it. The copy is
 * a diff (insert, update, delete), so a start with an unchanged file writes nothing.
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
    /** Case finding carries a patient's categories as the bits of one {@code bigint}. */
    public static final int MAX_CATEGORIES = Long.SIZE - 1;

    private static final Logger log = LoggerFactory.getLogger(LtcConditions.class);

    private final JdbcClient jdbc;

    public LtcConditions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        Map<String, LtcCondition> wanted = new LinkedHashMap<>();
        read().forEach(row -> wanted.put(row.snomedCode(), row));
        long categories = wanted.values().stream()
                .map(LtcCondition::ltcCategory)
                .distinct()
                .count();
        if (categories > MAX_CATEGORIES) {
            throw new IllegalStateException(
                    RESOURCE + " has " + categories + " LTC categories; at most " + MAX_CATEGORIES + " are supported");
        }
        Map<String, LtcCondition> stored = new LinkedHashMap<>();
        all().forEach(row -> stored.put(row.snomedCode(), row));
        int changes = 0;
        for (LtcCondition row : wanted.values()) {
            LtcCondition existing = stored.get(row.snomedCode());
            if (existing == null) {
                jdbc.sql("insert into ltc_condition (snomed_code, description, ltc_category) values (?, ?, ?)")
                        .params(row.snomedCode(), row.description(), row.ltcCategory())
                        .update();
                changes++;
            } else if (!existing.equals(row)) {
                jdbc.sql("update ltc_condition set description = ?, ltc_category = ? where snomed_code = ?")
                        .params(row.description(), row.ltcCategory(), row.snomedCode())
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
        if (changes > 0) {
            log.info("LTC definition refreshed from {}: {} codes, {} changed", RESOURCE, wanted.size(), changes);
        }
    }

    public List<LtcCondition> all() {
        return jdbc.sql(
                        "select snomed_code, description, ltc_category from ltc_condition order by ltc_category, snomed_code")
                .query(LtcCondition.class)
                .list();
    }

    /** The CSV as shipped: header {@code snomed_code,description,ltc_category}, fields quoted when they hold commas. */
    static List<LtcCondition> read() {
        List<LtcCondition> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new ClassPathResource(RESOURCE).getInputStream(), StandardCharsets.UTF_8))) {
            String header = in.readLine();
            if (header == null
                    || !header.strip().replace("\uFEFF", "").equals("snomed_code,description,ltc_category")) {
                throw new IllegalStateException(
                        RESOURCE + " must start with the header snomed_code,description,ltc_category");
            }
            String line;
            int number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields = fields(line);
                if (fields.size() != 3
                        || !fields.get(0).matches("\\d{6,18}")
                        || fields.get(2).isBlank()) {
                    throw new IllegalStateException(
                            RESOURCE + " line " + number + " is not 'code,description,category': " + line);
                }
                rows.add(new LtcCondition(fields.get(0), fields.get(1), fields.get(2)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
