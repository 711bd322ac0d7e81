package org.coordinatedcare.casefinding;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.coordinatedcare.reference.LtcConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Why a patient is listed, from the register: the coded conditions behind each LTC category, their frailty records
 * and the hospital events of the last 12 months (the ones the eligibility rules count). Read for a run's candidates
 * when they are found and stored with them, so the GP sees what the rules saw; and, for a patient due an annual
 * review, what is new since their episode opened.
 */
@Component
public class CandidateEvidence {

    /** A coded condition in one of our LTC categories; dates are ISO text, as shown. */
    public record CodedCondition(String category, String code, String term, String onsetDate) {}

    /**
     * A frailty record: the latest eFI Observation ({@code source} "observation", with its score) or a coded frailty
     * finding ({@code source} "coded", with its SNOMED CT code).
     */
    public record FrailtyRecord(String source, String category, BigDecimal efiScore, String code, String date) {}

    /** An unplanned admission or a discharge: {@code type} as in the register. */
    public record HospitalEvent(String type, String date) {}

    /** A code of the LTC list as a run read it ({@code case_finding_run_code}): its category and term. */
    public record RunCode(String category, String term) {}

    /** The evidence stored with a candidate. */
    public record Evidence(
            List<CodedCondition> conditions, List<FrailtyRecord> frailty, List<HospitalEvent> hospitalEvents) {

        static final Evidence NONE = new Evidence(List.of(), List.of(), List.of());

        /** One line for the review form, e.g. "COPD: Chronic obstructive lung disease 13645005 (2016-01-01); ...". */
        public String summary() {
            List<String> parts = new ArrayList<>();
            if (!conditions.isEmpty()) {
                parts.add(conditions.stream().map(CandidateEvidence::describe).collect(Collectors.joining("; ")) + ".");
            }
            if (!frailty.isEmpty()) {
                parts.add("Frailty: "
                        + frailty.stream().map(CandidateEvidence::describe).collect(Collectors.joining("; "))
                        + ".");
            }
            if (!hospitalEvents.isEmpty()) {
                parts.add(hospital(hospitalEvents) + ".");
            }
            return String.join(" ", parts);
        }
    }

    /** What changed for a patient on the pathway since their episode opened. */
    public record Changes(List<CodedCondition> newConditions, List<HospitalEvent> hospitalEvents) {

        static final Changes NONE = new Changes(List.of(), List.of());

        public String summary() {
            if (newConditions.isEmpty() && hospitalEvents.isEmpty()) {
                return "No new long-term conditions or hospital admissions recorded.";
            }
            List<String> parts = new ArrayList<>();
            parts.add(
                    newConditions.isEmpty()
                            ? "No new long-term conditions."
                            : "New: "
                                    + newConditions.stream()
                                            .map(CandidateEvidence::describe)
                                            .collect(Collectors.joining("; "))
                                    + ".");
            parts.add(hospitalEvents.isEmpty() ? "No hospital admissions." : hospital(hospitalEvents) + ".");
            return String.join(" ", parts);
        }
    }

    /** The eFI categories of the coded frailty findings ({@link CandidateSearch#CODED_FRAILTY_RANK}). */
    private static final Map<String, String> CODED_FRAILTY = Map.of(
            "925791000000100", "mild",
            "925831000000107", "moderate",
            "925861000000102", "severe");

    private static final int CHUNK = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    @Autowired
    public CandidateEvidence(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** For a review list's changes ({@link #since}), which read few patients and stream nothing. */
    CandidateEvidence(JdbcClient jdbc) {
        this(jdbc, null);
    }

    /**
     * Keeps the LTC code list as this run reads it, in the run's transaction, and returns it: the stored evidence names
     * each condition by its code, and its category and term are read back from this copy when it is shown.
     */
    public Map<String, RunCode> keepCodeList(long runId) {
        jdbc.sql("""
                        insert into case_finding_run_code (run_id, snomed_code, ltc_category, term)
                        select :run, snomed_code, ltc_category, description from ltc_condition""").param("run", runId).update();
        return codeList(runId);
    }

    /** The code list a run kept; empty for a run stored before V23, whose evidence names each term itself. */
    public Map<String, RunCode> codeList(long runId) {
        Map<String, RunCode> codes = new HashMap<>();
        jdbc.sql("select snomed_code, ltc_category, term from case_finding_run_code where run_id = :run")
                .param("run", runId)
                .query((RowCallbackHandler)
                        row -> codes.put(row.getString(1), new RunCode(row.getString(2), row.getString(3))));
        return codes;
    }

    /** The evidence for each of these patients, as of {@code today}; a patient with none has {@link Evidence#NONE}. */
    public Map<Long, Evidence> of(Collection<Long> patientIds, LocalDate today) {
        Map<Long, List<CodedCondition>> conditions = conditions(patientIds);
        Map<Long, List<FrailtyRecord>> frailty = new HashMap<>();
        Map<Long, List<HospitalEvent>> hospital = hospitalEvents(patientIds, today.minusYears(1));
        for (List<Long> chunk : chunks(patientIds)) {
            jdbc.sql("""
                            select patient_id, category, efi_score, effective_date from frailty_observation
                            where category is not null and patient_id in (:ids)
                            order by patient_id, effective_date desc, id desc""").param("ids", chunk).query(row -> {
                List<FrailtyRecord> records = frailty.computeIfAbsent(row.getLong(1), k -> new ArrayList<>());
                if (records.isEmpty()) { // the latest observation, the one the rules read
                    records.add(new FrailtyRecord(
                            "observation",
                            row.getString(2),
                            row.getBigDecimal(3),
                            null,
                            row.getDate(4).toLocalDate().toString()));
                }
            });
            jdbc.sql("""
                            select c.patient_id, c.snomed_code, c.onset_date from patient_condition c
                            where c.snomed_code in (:codes) and c.patient_id in (:ids) and %s
                            order by c.patient_id, c.onset_date desc, c.id""".formatted(LtcConditions.ACTIVE_CONDITION))
                    .param("codes", CODED_FRAILTY.keySet())
                    .param("ids", chunk)
                    .query((RowCallbackHandler) row -> frailty.computeIfAbsent(row.getLong(1), k -> new ArrayList<>())
                            .add(coded(row.getString(2), row.getDate(3))));
        }
        return assemble(patientIds, conditions, frailty, hospital);
    }

    /**
     * The same evidence for a run's candidates, read in one pass over each register table for the run's practice (or
     * every practice) instead of by chunks of ids: a run for every practice lists most of the register (80,787 of
     * 100,000 patients in the benchmark), and 81 chunks of 1,000 ids made 324 queries, each finding its rows through
     * the patient index, about 1.5 s; one scan of each table streams the same rows in a fraction of that. Rows of
     * patients not in {@code patientIds} are skipped as they stream. Each list is ordered as {@link #of} orders it,
     * with PostgreSQL's null ordering (nulls last ascending, first descending).
     */
    public Map<Long, Evidence> ofRun(
            Set<Long> patientIds, Long practiceId, LocalDate today, Map<String, RunCode> runCodes) {
        if (patientIds.isEmpty()) {
            return Map.of();
        }
        String practice = practiceId == null ? "" : " and p.practice_id = " + practiceId;
        String join = practiceId == null ? "" : " join patient p on p.id = %s.patient_id";
        Map<String, String[]> ltc = new HashMap<>(); // code: {code, category, description}
        runCodes.forEach((code, list) -> ltc.put(code, new String[] {code, list.category(), list.term()}));
        Map<Long, List<ConditionRow>> found = new HashMap<>();
        // the category and term from the run's copy of the code list (about 200 rows) rather than joined onto each of a
        // million conditions; the onset as ISO text, which is what both drivers send
        streamed("""
                select c.patient_id, c.snomed_code, c.description, c.onset_date, c.id from patient_condition c%s
                where c.snomed_code in (select snomed_code from ltc_condition) and %s%s""".formatted(join.formatted("c"), LtcConditions.ACTIVE_CONDITION, practice), row -> {
            long patient = row.getLong(1);
            if (patientIds.contains(patient)) {
                String[] code = ltc.get(row.getString(2));
                if (code == null) { // the code list changed while the run read it: the job fails and is retried
                    throw new IllegalStateException("LTC code " + row.getString(2) + " is not in the run's code list");
                }
                String term = row.getString(3);
                found.computeIfAbsent(patient, k -> new ArrayList<>())
                        .add(new ConditionRow(
                                new CodedCondition(code[1], code[0], term == null ? code[2] : term, row.getString(4)),
                                row.getLong(5)));
            }
        });
        Map<Long, List<CodedCondition>> conditions = new HashMap<>();
        found.forEach((patient, rows) -> {
            rows.sort(ConditionRow.ORDER);
            List<CodedCondition> list = new ArrayList<>(rows.size());
            for (ConditionRow row : rows) {
                list.add(row.condition());
            }
            conditions.put(patient, list);
        });

        Map<Long, Object[]> latestObservation = new HashMap<>(); // {record, date, id}
        streamed("""
                select o.patient_id, o.category, o.efi_score, o.effective_date, o.id from frailty_observation o%s
                where o.category is not null%s""".formatted(join.formatted("o"), practice), row -> {
            long patient = row.getLong(1);
            if (patientIds.contains(patient)) {
                LocalDate date = row.getDate(4).toLocalDate();
                long id = row.getLong(5);
                Object[] latest = latestObservation.get(patient);
                int newer = latest == null ? 1 : date.compareTo((LocalDate) latest[1]);
                if (newer > 0 || (newer == 0 && id > (Long) latest[2])) {
                    latestObservation.put(patient, new Object[] {
                        new FrailtyRecord("observation", row.getString(2), row.getBigDecimal(3), null, date.toString()),
                        date,
                        id
                    });
                }
            }
        });
        Map<Long, List<Object[]>> codedFrailty = new HashMap<>(); // {record, onset or null, id}
        jdbc.sql("""
                        select c.patient_id, c.snomed_code, c.onset_date, c.id from patient_condition c%s
                        where c.snomed_code in (:codes) and %s%s""".formatted(join.formatted("c"), LtcConditions.ACTIVE_CONDITION, practice))
                .param("codes", CODED_FRAILTY.keySet())
                .query(row -> {
                    long patient = row.getLong(1);
                    if (patientIds.contains(patient)) {
                        Date onset = row.getDate(3);
                        codedFrailty
                                .computeIfAbsent(patient, k -> new ArrayList<>())
                                .add(new Object[] {
                                    coded(row.getString(2), onset),
                                    onset == null ? null : onset.toLocalDate(),
                                    row.getLong(4)
                                });
                    }
                });
        Map<Long, List<FrailtyRecord>> frailty = new HashMap<>();
        latestObservation.forEach((patient, latest) ->
                frailty.computeIfAbsent(patient, k -> new ArrayList<>()).add((FrailtyRecord) latest[0]));
        codedFrailty.forEach((patient, rows) -> {
            rows.sort(Comparator.comparing(
                            (Object[] r) -> (LocalDate) r[1],
                            Comparator.nullsFirst(Comparator.<LocalDate>reverseOrder()))
                    .thenComparing(r -> (Long) r[2]));
            rows.forEach(r ->
                    frailty.computeIfAbsent(patient, k -> new ArrayList<>()).add((FrailtyRecord) r[0]));
        });

        Map<Long, List<Object[]>> events = new HashMap<>(); // {event, date, id}
        jdbc.sql("""
                        select e.patient_id, e.type, e.occurred_on, e.id from encounter e%s
                        where e.type in ('UNPLANNED_ADMISSION', 'HOSPITAL_DISCHARGE') and e.occurred_on > :after%s""".formatted(join.formatted("e"), practice))
                .param("after", Date.valueOf(today.minusYears(1)))
                .query(row -> {
                    long patient = row.getLong(1);
                    if (patientIds.contains(patient)) {
                        LocalDate date = row.getDate(3).toLocalDate();
                        events.computeIfAbsent(patient, k -> new ArrayList<>()).add(new Object[] {
                            new HospitalEvent(row.getString(2), date.toString()), date, row.getLong(4)
                        });
                    }
                });
        Map<Long, List<HospitalEvent>> hospital = new HashMap<>();
        events.forEach((patient, rows) -> {
            rows.sort(Comparator.comparing((Object[] r) -> (LocalDate) r[1])
                    .thenComparing(r -> (Long) r[2])
                    .reversed());
            hospital.put(patient, rows.stream().map(r -> (HospitalEvent) r[0]).toList());
        });
        return assemble(patientIds, conditions, frailty, hospital);
    }

    /**
     * A condition and its row's id, ordered by category, then onset (none last), then id, as {@link #conditions} orders
     * them: ISO dates order as text.
     */
    private record ConditionRow(CodedCondition condition, long id) {

        static final Comparator<ConditionRow> ORDER = (a, b) -> {
            int order = a.condition.category().compareTo(b.condition.category());
            if (order != 0) {
                return order;
            }
            String x = a.condition.onsetDate();
            String y = b.condition.onsetDate();
            if (x == null || y == null) {
                order = x == null ? (y == null ? 0 : 1) : -1;
            } else {
                order = x.compareTo(y);
            }
            return order != 0 ? order : Long.compare(a.id, b.id);
        };
    }

    /** Streams a query's rows rather than holding them all: PostgreSQL needs a fetch size to do so. */
    private void streamed(String sql, RowCallbackHandler each) {
        if (template == null) {
            jdbc.sql(sql).query(each);
            return;
        }
        template.query(
                connection -> {
                    var statement = connection.prepareStatement(sql);
                    statement.setFetchSize(5000);
                    return statement;
                },
                each);
    }

    private static FrailtyRecord coded(String code, Date onset) {
        return new FrailtyRecord(
                "coded",
                CODED_FRAILTY.get(code),
                null,
                code,
                onset == null ? "no date" : onset.toLocalDate().toString());
    }

    private static Map<Long, Evidence> assemble(
            Collection<Long> patientIds,
            Map<Long, List<CodedCondition>> conditions,
            Map<Long, List<FrailtyRecord>> frailty,
            Map<Long, List<HospitalEvent>> hospital) {
        Map<Long, Evidence> evidence = new HashMap<>();
        for (Long id : patientIds) {
            evidence.put(
                    id,
                    new Evidence(
                            conditions.getOrDefault(id, List.of()),
                            frailty.getOrDefault(id, List.of()),
                            hospital.getOrDefault(id, List.of())));
        }
        return evidence;
    }

    /**
     * For each patient (by id) and the day their episode opened: the active LTC conditions with an onset on or after
     * that day, and their admissions and discharges since.
     */
    public Map<Long, Changes> since(Map<Long, LocalDate> openedOn) {
        if (openedOn.isEmpty()) {
            return Map.of();
        }
        LocalDate earliest =
                openedOn.values().stream().min(LocalDate::compareTo).orElseThrow();
        Map<Long, List<CodedCondition>> conditions = conditions(openedOn.keySet());
        Map<Long, List<HospitalEvent>> hospital = hospitalEvents(openedOn.keySet(), earliest.minusDays(1));
        Map<Long, Changes> changes = new HashMap<>();
        openedOn.forEach((id, opened) -> changes.put(
                id,
                new Changes(
                        conditions.getOrDefault(id, List.of()).stream()
                                .filter(c -> c.onsetDate() != null
                                        && !LocalDate.parse(c.onsetDate()).isBefore(opened))
                                .toList(),
                        hospital.getOrDefault(id, List.of()).stream()
                                .filter(e -> !LocalDate.parse(e.date()).isBefore(opened))
                                .toList())));
        return changes;
    }

    private Map<Long, List<CodedCondition>> conditions(Collection<Long> patientIds) {
        Map<Long, List<CodedCondition>> conditions = new HashMap<>();
        for (List<Long> chunk : chunks(patientIds)) {
            jdbc.sql("""
                            select c.patient_id, l.ltc_category, c.snomed_code,
                                   coalesce(c.description, l.description) as term, c.onset_date
                            from patient_condition c join ltc_condition l on l.snomed_code = c.snomed_code
                            where c.patient_id in (:ids) and %s
                            order by c.patient_id, l.ltc_category, c.onset_date, c.id""".formatted(LtcConditions.ACTIVE_CONDITION))
                    .param("ids", chunk)
                    .query(row -> {
                        Date onset = row.getDate(5);
                        conditions
                                .computeIfAbsent(row.getLong(1), k -> new ArrayList<>())
                                .add(new CodedCondition(
                                        row.getString(2),
                                        row.getString(3),
                                        row.getString(4),
                                        onset == null
                                                ? null
                                                : onset.toLocalDate().toString()));
                    });
        }
        return conditions;
    }

    /** Unplanned admissions and discharges after {@code after}, latest first. */
    private Map<Long, List<HospitalEvent>> hospitalEvents(Collection<Long> patientIds, LocalDate after) {
        Map<Long, List<HospitalEvent>> events = new HashMap<>();
        for (List<Long> chunk : chunks(patientIds)) {
            jdbc.sql("""
                            select patient_id, type, occurred_on from encounter
                            where type in ('UNPLANNED_ADMISSION', 'HOSPITAL_DISCHARGE') and occurred_on > :after
                              and patient_id in (:ids)
                            order by patient_id, occurred_on desc, id desc""")
                    .param("after", Date.valueOf(after))
                    .param("ids", chunk)
                    .query(row -> {
                        events.computeIfAbsent(row.getLong(1), k -> new ArrayList<>())
                                .add(new HospitalEvent(
                                        row.getString(2),
                                        row.getDate(3).toLocalDate().toString()));
                    });
        }
        return events;
    }

    /** The conditions as the score reads them. */
    static List<MultimorbidityScore.Condition> scored(Evidence evidence) {
        return evidence.conditions().stream()
                .map(c -> new MultimorbidityScore.Condition(
                        c.category(), c.onsetDate() == null ? null : isoDate(c.onsetDate())))
                .toList();
    }

    /** An ISO date as {@link LocalDate#toString} writes it, read without a formatter: a run reads a million. */
    static LocalDate isoDate(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return LocalDate.parse(text);
        }
        return LocalDate.of(
                Integer.parseInt(text, 0, 4, 10), Integer.parseInt(text, 5, 7, 10), Integer.parseInt(text, 8, 10, 10));
    }

    /** The column's size (V11): evidence longer than this is stored abridged, never failing the run. */
    static final int STORED_LIMIT = 16_000;

    /**
     * The evidence as stored (V23): {@code {"v":2,"c":[[code, onset],...],"f":[frailty records],"h":[[type, date],...]}}.
     * A condition names its code and onset; its category and term are the run's code list's ({@link #keepCodeList}),
     * so they are written only when they differ from it (a term recorded with the condition itself). About a quarter of
     * the size of the first form, which named every field of every condition (1.1 kB a candidate, 91 MB a run for every
     * practice), and read back into the same {@link Evidence}. A patient with a very long record keeps the first half of
     * each list, then a quarter, until it fits: the score was already computed from all of it, and the GP opens the
     * record for the rest.
     */
    static String toJson(Evidence evidence, Map<String, RunCode> codes) {
        Evidence kept = evidence;
        String json = write(kept, codes);
        while (json.length() > STORED_LIMIT) {
            kept = new Evidence(half(kept.conditions()), half(kept.frailty()), half(kept.hospitalEvents()));
            json = write(kept, codes);
        }
        return json;
    }

    /** The stored form's version; the first form (every field named, no code list) has no {@code v}. */
    static final int CODES_AND_DATES = 2;

    private static <T> List<T> half(List<T> list) {
        return list.subList(0, list.size() / 2);
    }

    private static String write(Evidence evidence, Map<String, RunCode> codes) {
        StringWriter out = new StringWriter(48 + 28 * evidence.conditions().size());
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("v", CODES_AND_DATES);
            json.writeArrayFieldStart("c");
            for (CodedCondition c : evidence.conditions()) {
                json.writeStartArray();
                json.writeString(c.code());
                json.writeString(c.onsetDate());
                RunCode listed = codes.get(c.code());
                boolean sameCategory = listed != null && listed.category().equals(c.category());
                if (!sameCategory || !Objects.equals(listed.term(), c.term())) {
                    json.writeString(c.term());
                }
                if (!sameCategory) {
                    json.writeString(c.category());
                }
                json.writeEndArray();
            }
            json.writeEndArray();
            if (!evidence.frailty().isEmpty()) {
                json.writeFieldName("f");
                json.writeObject(evidence.frailty());
            }
            if (!evidence.hospitalEvents().isEmpty()) {
                json.writeArrayFieldStart("h");
                for (HospitalEvent e : evidence.hospitalEvents()) {
                    json.writeStartArray();
                    json.writeString(e.type());
                    json.writeString(e.date());
                    json.writeEndArray();
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /**
     * The stored evidence, with the categories and terms of {@code codes}, the code list its run kept; none for a
     * candidate found before evidence was kept. Evidence stored in the first form (before V23) names them itself and
     * reads as it did.
     */
    static Evidence fromJson(String stored, Map<String, RunCode> codes) {
        if (stored == null || stored.isEmpty()) {
            return Evidence.NONE;
        }
        try {
            JsonNode tree = JSON.readTree(stored);
            if (!tree.has("v")) {
                return JSON.treeToValue(tree, Evidence.class);
            }
            if (tree.get("v").asInt() != CODES_AND_DATES) {
                throw new IllegalStateException("Unknown case-finding evidence version " + tree.get("v"));
            }
            List<CodedCondition> conditions = new ArrayList<>();
            for (JsonNode c : tree.path("c")) {
                String code = c.get(0).asText();
                RunCode listed = codes.get(code);
                if (listed == null && c.size() < 4) {
                    throw new IllegalStateException(
                            "Case-finding evidence names code " + code + ", which is not in its run's code list");
                }
                conditions.add(new CodedCondition(
                        c.size() > 3 ? text(c.get(3)) : listed.category(),
                        code,
                        c.size() > 2 ? text(c.get(2)) : listed.term(),
                        text(c.get(1))));
            }
            List<FrailtyRecord> frailty =
                    tree.has("f") ? List.of(JSON.treeToValue(tree.get("f"), FrailtyRecord[].class)) : List.of();
            List<HospitalEvent> hospital = new ArrayList<>();
            for (JsonNode e : tree.path("h")) {
                hospital.add(new HospitalEvent(text(e.get(0)), text(e.get(1))));
            }
            return new Evidence(conditions, frailty, hospital);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable case-finding evidence", e);
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static String describe(CodedCondition c) {
        return c.term() + " " + c.code() + " (" + (c.onsetDate() == null ? "no onset date" : c.onsetDate()) + ")";
    }

    private static String describe(FrailtyRecord f) {
        List<String> detail = new ArrayList<>();
        if (f.efiScore() != null) {
            detail.add("eFI " + f.efiScore().toPlainString());
        }
        if (f.code() != null) {
            detail.add(f.code());
        }
        detail.add(f.date());
        return f.category() + " (" + String.join(", ", detail) + ")";
    }

    private static String hospital(List<HospitalEvent> events) {
        Map<String, List<String>> byType = new LinkedHashMap<>();
        byType.put("Unplanned admissions", new ArrayList<>());
        byType.put("Discharges", new ArrayList<>());
        for (HospitalEvent e : events) {
            byType.get("UNPLANNED_ADMISSION".equals(e.type()) ? "Unplanned admissions" : "Discharges")
                    .add(e.date());
        }
        return byType.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + " " + String.join(", ", e.getValue()))
                .collect(Collectors.joining("; "));
    }

    private static List<List<Long>> chunks(Collection<Long> ids) {
        List<Long> all = List.copyOf(ids);
        List<List<Long>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        }
        return chunks;
    }
}
