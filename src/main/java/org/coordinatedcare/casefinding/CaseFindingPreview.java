package org.coordinatedcare.casefinding;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.coordinatedcare.patient.Practice;
import org.coordinatedcare.patient.PracticeRepository;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who an uploaded eligibility table would list that the deployed one does not, and who it would no longer list, for
 * the register as it is today: the same facts ({@link CandidateSearch}) judged by both versions of the table
 * ({@link Eligibility}). Reads only; no run, list or pathway is started.
 */
@Component
public class CaseFindingPreview {

    /** A patient whose verdict changes, with the reasons (include rows) and exclusions each version gives. */
    public record Change(
            String patientId,
            int ltcCount,
            List<String> reasonsNow,
            List<String> exclusionsNow,
            List<String> reasonsAfter,
            List<String> exclusionsAfter) {}

    public record PracticePreview(
            String practice, int eligibleNow, int eligibleAfter, List<Change> entering, List<Change> leaving) {}

    public record Preview(
            String deployed, String uploaded, int entering, int leaving, List<PracticePreview> practices) {}

    private final Eligibility eligibility;
    private final CandidateSearch search;
    private final PracticeRepository practices;
    private final NamedParameterJdbcTemplate jdbc;

    public CaseFindingPreview(
            Eligibility eligibility,
            CandidateSearch search,
            PracticeRepository practices,
            NamedParameterJdbcTemplate jdbc) {
        this.eligibility = eligibility;
        this.search = search;
        this.practices = practices;
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Preview preview(byte[] uploadedXml) {
        Eligibility.Table now = eligibility.latest();
        Eligibility.Table after = eligibility.uploaded(uploadedXml);
        Map<Long, String> ods = new HashMap<>();
        for (Practice practice : practices.findAll()) {
            ods.put(practice.id(), practice.odsCode());
        }
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, List<Object[]>> entering = new TreeMap<>();
        Map<String, List<Object[]>> leaving = new TreeMap<>();
        search.facts(null, LocalDate.now(), facts -> {
            String practice = ods.getOrDefault(facts.practiceId(), String.valueOf(facts.practiceId()));
            Eligibility.Verdict before = now.decide(facts.inputs());
            Eligibility.Verdict changed = after.decide(facts.inputs());
            int[] count = counts.computeIfAbsent(practice, p -> new int[2]);
            count[0] += before.eligible() ? 1 : 0;
            count[1] += changed.eligible() ? 1 : 0;
            if (before.eligible() != changed.eligible()) {
                (changed.eligible() ? entering : leaving)
                        .computeIfAbsent(practice, p -> new ArrayList<>())
                        .add(new Object[] {facts.patientId(), facts.inputs().ltcCount(), before, changed});
            }
        });
        Map<Long, String> fhirIds = fhirIds(entering, leaving);
        List<PracticePreview> result = new ArrayList<>();
        int in = 0;
        int out = 0;
        for (Map.Entry<String, int[]> practice : counts.entrySet()) {
            List<Change> enter = changes(entering.get(practice.getKey()), fhirIds);
            List<Change> leave = changes(leaving.get(practice.getKey()), fhirIds);
            in += enter.size();
            out += leave.size();
            result.add(new PracticePreview(
                    practice.getKey(), practice.getValue()[0], practice.getValue()[1], enter, leave));
        }
        return new Preview(now.version(), after.version(), in, out, result);
    }

    private static List<Change> changes(List<Object[]> rows, Map<Long, String> fhirIds) {
        if (rows == null) {
            return List.of();
        }
        return rows.stream()
                .map(row -> {
                    Eligibility.Verdict before = (Eligibility.Verdict) row[2];
                    Eligibility.Verdict after = (Eligibility.Verdict) row[3];
                    return new Change(
                            fhirIds.get((Long) row[0]),
                            (Integer) row[1],
                            before.reasons(),
                            before.exclusions(),
                            after.reasons(),
                            after.exclusions());
                })
                .sorted(java.util.Comparator.comparing(Change::patientId))
                .toList();
    }

    private Map<Long, String> fhirIds(Map<String, List<Object[]>> entering, Map<String, List<Object[]>> leaving) {
        List<Long> ids = new ArrayList<>();
        entering.values().forEach(rows -> rows.forEach(row -> ids.add((Long) row[0])));
        leaving.values().forEach(rows -> rows.forEach(row -> ids.add((Long) row[0])));
        Map<Long, String> fhirIds = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 1000) {
            jdbc.query(
                    "select id, fhir_id from patient where id in (:ids)",
                    new MapSqlParameterSource("ids", ids.subList(from, Math.min(ids.size(), from + 1000))),
                    row -> {
                        fhirIds.put(row.getLong("id"), row.getString("fhir_id"));
                    });
        }
        return fhirIds;
    }
}
