package org.coordinatedcare.casefinding;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.coordinatedcare.episode.EpisodeOpener;
import org.coordinatedcare.patient.Patient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One practice's part of a run: its candidates and its patients due an annual review, as stored. A clinician reviews
 * them a page at a time ({@code case-finding.review-page-size}, default 20): the first patients not yet decided, highest
 * Cambridge Multimorbidity Score first, then most long-term conditions, so the GP sees those with most need first and a
 * first run that lists thousands never asks for thousands of ticks in one form.
 */
@Component
public class ReviewList {

    private final JdbcClient jdbc;
    private final CandidateEvidence evidence;
    private final int pageSize;

    @Autowired
    public ReviewList(
            JdbcClient jdbc, CandidateEvidence evidence, @Value("${case-finding.review-page-size:20}") int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("case-finding.review-page-size must be at least 1, not " + pageSize);
        }
        this.jdbc = jdbc;
        this.evidence = evidence;
        this.pageSize = pageSize;
    }

    /** A list with pages of {@code pageSize}. */
    public ReviewList(JdbcClient jdbc, int pageSize) {
        this(jdbc, new CandidateEvidence(jdbc), pageSize);
    }

    /** One condition of a candidate's Cambridge Multimorbidity Score and its weight. */
    public record ScorePart(String condition, BigDecimal weight) {}

    public record Candidate(
            long id,
            long patientId,
            String patientRef,
            String label,
            String name,
            String practiceCode,
            int ltcCount,
            List<String> ltcCategories,
            List<String> reasons,
            String decision,
            String exclusionReason,
            String exclusionNote,
            String decidedBy,
            String pathwayOutcome,
            BigDecimal cmsScore,
            List<ScorePart> cmsBreakdown,
            CandidateEvidence.Evidence evidence) {}

    public record AnnualReview(
            long id,
            long patientId,
            String patientRef,
            String label,
            String name,
            String practiceCode,
            LocalDate onPathwaySince,
            Boolean booked,
            String bookedBy,
            CandidateEvidence.Changes changes) {}

    private static final String CANDIDATES = """
            select k.id, k.patient_id, p.fhir_id, p.nhs_number, p.given_name, p.family_name, p.birth_date,
                   p.practice_id, p.deceased, pr.ods_code, k.ltc_count, k.ltc_categories, k.reasons,
                   k.decision, k.exclusion_reason, k.exclusion_note, k.decided_by, k.pathway_outcome,
                   k.cms_score, k.cms_breakdown, k.evidence
            from case_finding_candidate k join patient p on p.id = k.patient_id
            join practice pr on pr.id = k.practice_id
            where k.run_id = :run and
            """;
    private static final String ANNUAL_REVIEWS = """
            select r.id, r.patient_id, p.fhir_id, p.nhs_number, p.given_name, p.family_name, p.birth_date,
                   p.practice_id, p.deceased, pr.ods_code, e.opened_at, r.booked, r.booked_by
            from case_finding_annual_review r join patient p on p.id = r.patient_id
            join practice pr on pr.id = r.practice_id join episode e on e.id = r.episode_id
            where r.run_id = :run and
            """;

    /** Candidates of the run; of one practice when {@code practiceCode} is given. */
    public List<Candidate> candidates(long runId, String practiceCode) {
        return candidates(
                CANDIDATES
                        + "(:practice = '' or pr.ods_code = :practice) order by pr.ods_code, k.cms_score desc, k.ltc_count desc, k.id",
                runId,
                practiceCode);
    }

    /**
     * The practice's page to review now: its first candidates without a decision. The practice is an equality on the
     * candidate's own column, so PostgreSQL walks {@code case_finding_candidate_page_idx} in page order and stops
     * after the page.
     */
    public List<Candidate> candidatesToReview(long runId, String practiceCode) {
        return candidates(CANDIDATES + """
                k.practice_id = (select id from practice where ods_code = :practice) and k.decision is null
                order by k.cms_score desc, k.ltc_count desc, k.id""" + firstPage(), runId, practiceCode);
    }

    private List<Candidate> candidates(String sql, long runId, String practiceCode) {
        Map<String, CandidateEvidence.RunCode> codes = evidence.codeList(runId); // the terms the run saw
        return jdbc.sql(sql)
                .param("run", runId)
                .param("practice", practiceCode == null ? "" : practiceCode)
                .query((row, n) -> {
                    Patient patient = patient(row);
                    return new Candidate(
                            row.getLong("id"),
                            patient.id(),
                            ref(patient),
                            EpisodeOpener.label(patient),
                            patient.displayName(),
                            row.getString("ods_code"),
                            row.getInt("ltc_count"),
                            split(row.getString("ltc_categories")),
                            split(row.getString("reasons")),
                            row.getString("decision"),
                            row.getString("exclusion_reason"),
                            row.getString("exclusion_note"),
                            row.getString("decided_by"),
                            row.getString("pathway_outcome"),
                            row.getBigDecimal("cms_score"),
                            scoreParts(row.getString("cms_breakdown")),
                            CandidateEvidence.fromJson(row.getString("evidence"), codes));
                })
                .list();
    }

    public List<AnnualReview> annualReviews(long runId, String practiceCode) {
        return annualReviews(
                ANNUAL_REVIEWS + "(:practice = '' or pr.ods_code = :practice) order by pr.ods_code, e.opened_at, r.id",
                runId,
                practiceCode);
    }

    /** The practice's page of annual reviews to book now: the first not yet answered in this run. */
    public List<AnnualReview> annualReviewsToBook(long runId, String practiceCode) {
        return annualReviews(
                ANNUAL_REVIEWS + "pr.ods_code = :practice and r.booked is null order by e.opened_at, r.id"
                        + firstPage(),
                runId,
                practiceCode);
    }

    /** The reviews, each with what changed since the patient's episode opened. */
    private List<AnnualReview> annualReviews(String sql, long runId, String practiceCode) {
        List<AnnualReview> reviews = jdbc.sql(sql)
                .param("run", runId)
                .param("practice", practiceCode == null ? "" : practiceCode)
                .query((row, n) -> {
                    Patient patient = patient(row);
                    return new AnnualReview(
                            row.getLong("id"),
                            patient.id(),
                            ref(patient),
                            EpisodeOpener.label(patient),
                            patient.displayName(),
                            row.getString("ods_code"),
                            row.getTimestamp("opened_at")
                                    .toInstant()
                                    .atZone(ZoneId.systemDefault())
                                    .toLocalDate(),
                            (Boolean) row.getObject("booked"),
                            row.getString("booked_by"),
                            CandidateEvidence.Changes.NONE);
                })
                .list();
        Map<Long, LocalDate> openedOn = new LinkedHashMap<>();
        reviews.forEach(r -> openedOn.merge(r.patientId(), r.onPathwaySince(), (a, b) -> a.isBefore(b) ? a : b));
        Map<Long, CandidateEvidence.Changes> changes = evidence.since(openedOn);
        return reviews.stream()
                .map(r -> new AnnualReview(
                        r.id(),
                        r.patientId(),
                        r.patientRef(),
                        r.label(),
                        r.name(),
                        r.practiceCode(),
                        r.onPathwaySince(),
                        r.booked(),
                        r.bookedBy(),
                        changes.getOrDefault(r.patientId(), CandidateEvidence.Changes.NONE)))
                .toList();
    }

    private String firstPage() {
        return " fetch first " + pageSize + " rows only";
    }

    /** Which of these candidates, of the run and practice, still wait for a decision; in list order. */
    public Set<Long> undecidedCandidates(long runId, String practiceCode, Collection<Long> ids) {
        return ids.isEmpty()
                ? Set.of()
                : new LinkedHashSet<>(jdbc.sql("""
                        select k.id from case_finding_candidate k join practice pr on pr.id = k.practice_id
                        where k.run_id = :run and pr.ods_code = :practice and k.decision is null and k.id in (:ids)
                        order by k.cms_score desc, k.ltc_count desc, k.id""")
                        .param("run", runId)
                        .param("practice", practiceCode)
                        .param("ids", ids)
                        .query(Long.class)
                        .list());
    }

    /** Which of these annual reviews, of the run and practice, have not been answered yet; in list order. */
    public Set<Long> unansweredAnnualReviews(long runId, String practiceCode, Collection<Long> ids) {
        return ids.isEmpty()
                ? Set.of()
                : new LinkedHashSet<>(jdbc.sql("""
                        select r.id from case_finding_annual_review r join practice pr on pr.id = r.practice_id
                        join episode e on e.id = r.episode_id
                        where r.run_id = :run and pr.ods_code = :practice and r.booked is null and r.id in (:ids)
                        order by e.opened_at, r.id""")
                        .param("run", runId)
                        .param("practice", practiceCode)
                        .param("ids", ids)
                        .query(Long.class)
                        .list());
    }

    /**
     * How many of the practice's candidates and annual reviews still wait for the clinician's answer. The practice is
     * an equality on each table's own column, as for the page: joined by its code instead, PostgreSQL read the whole
     * run's candidates (80,787 on the benchmark, about 200 ms) for each of the 20 practices' review tasks.
     */
    public long leftToReview(long runId, String practiceCode) {
        return jdbc.sql("""
                        select (select count(*) from case_finding_candidate k
                                where k.run_id = :run and k.decision is null
                                  and k.practice_id = (select id from practice where ods_code = :practice))
                             + (select count(*) from case_finding_annual_review r
                                where r.run_id = :run and r.booked is null
                                  and r.practice_id = (select id from practice where ods_code = :practice))""")
                .param("run", runId)
                .param("practice", practiceCode)
                .query(Long.class)
                .single();
    }

    /** The form's rows, one page: only what the clinician needs to decide, so the task variable stays small. */
    public List<Map<String, Object>> candidateRows(long runId, String practiceCode) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Candidate c : candidatesToReview(runId, practiceCode)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("candidateId", String.valueOf(c.id()));
            row.put("patient", c.label());
            row.put("name", c.name());
            row.put(
                    "summary",
                    c.ltcCount() + " long-term conditions: " + String.join(", ", c.ltcCategories()) + ". Why listed: "
                            + String.join("; ", c.reasons()) + ".");
            row.put("score", scoreText(c));
            row.put("evidence", c.evidence().summary());
            rows.add(row);
        }
        return rows;
    }

    public List<Map<String, Object>> annualReviewRows(long runId, String practiceCode) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AnnualReview r : annualReviewsToBook(runId, practiceCode)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("annualReviewId", String.valueOf(r.id()));
            row.put("patient", r.label());
            row.put("name", r.name());
            row.put("onPathwaySince", r.onPathwaySince().toString());
            row.put("changes", r.changes().summary());
            rows.add(row);
        }
        return rows;
    }

    /** E.g. "3.73 = Heart failure 1.18 + COPD 1.46 + ...", heaviest first. */
    static String scoreText(Candidate c) {
        return c.cmsScore().toPlainString()
                + (c.cmsBreakdown().isEmpty()
                        ? ""
                        : " = "
                                + c.cmsBreakdown().stream()
                                        .map(p ->
                                                p.condition() + " " + p.weight().toPlainString())
                                        .collect(Collectors.joining(" + ")));
    }

    /** The stored breakdown, {@code condition:weight|...}. */
    static List<ScorePart> scoreParts(String breakdown) {
        return split(breakdown).stream()
                .map(part -> {
                    int colon = part.lastIndexOf(':');
                    return new ScorePart(part.substring(0, colon), new BigDecimal(part.substring(colon + 1)));
                })
                .toList();
    }

    /** The FHIR Patient id the patient was imported with, or our id for one entered here. */
    private static String ref(Patient patient) {
        return patient.fhirId() != null ? patient.fhirId() : String.valueOf(patient.id());
    }

    private static Patient patient(java.sql.ResultSet row) throws java.sql.SQLException {
        return new Patient(
                row.getLong("patient_id"),
                row.getString("nhs_number"),
                row.getString("given_name"),
                row.getString("family_name"),
                row.getDate("birth_date").toLocalDate(),
                row.getLong("practice_id"),
                row.getBoolean("deceased"),
                row.getString("fhir_id"));
    }

    static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split("\\|"));
    }
}
