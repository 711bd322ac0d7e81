package org.coordinatedcare.casefinding;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.coordinatedcare.reference.LtcConditions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
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

    public CandidateEvidence(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
                    .query(row -> {
                        Date onset = row.getDate(3);
                        frailty.computeIfAbsent(row.getLong(1), k -> new ArrayList<>())
                                .add(new FrailtyRecord(
                                        "coded",
                                        CODED_FRAILTY.get(row.getString(2)),
                                        null,
                                        row.getString(2),
                                        onset == null
                                                ? "no date"
                                                : onset.toLocalDate().toString()));
                    });
        }
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
                        c.category(), c.onsetDate() == null ? null : LocalDate.parse(c.onsetDate())))
                .toList();
    }

    /** The column's size (V11): evidence longer than this is stored abridged, never failing the run. */
    static final int STORED_LIMIT = 16_000;

    /**
     * The evidence as stored. A patient with a very long record keeps the first half of each list, then a quarter, until
     * it fits: the score was already computed from all of it, and the GP opens the record for the rest.
     */
    static String toJson(Evidence evidence) {
        Evidence kept = evidence;
        String json = write(kept);
        while (json.length() > STORED_LIMIT) {
            kept = new Evidence(half(kept.conditions()), half(kept.frailty()), half(kept.hospitalEvents()));
            json = write(kept);
        }
        return json;
    }

    private static <T> List<T> half(List<T> list) {
        return list.subList(0, list.size() / 2);
    }

    private static String write(Evidence evidence) {
        try {
            return JSON.writeValueAsString(evidence);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored evidence; none for a candidate found before evidence was kept. */
    static Evidence fromJson(String stored) {
        if (stored == null || stored.isEmpty()) {
            return Evidence.NONE;
        }
        try {
            return JSON.readValue(stored, Evidence.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable case-finding evidence", e);
        }
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
