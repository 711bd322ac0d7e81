package org.coordinatedcare.casefinding;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.coordinatedcare.reference.LtcConditions;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * "Find candidates": the SQL narrows the population ({@link CandidateSearch}), the eligibility table decides each
 * narrowed patient ({@link Eligibility}), and the eligible are stored as the run's candidates with their LTC categories,
 * reasons, evidence ({@link CandidateEvidence}) and Cambridge Multimorbidity Score ({@link MultimorbidityScore}). Patients on the pathway for a year or more without a booked annual review are listed beside them.
 * A scheduled start has no run yet, so it records one for every practice. Each run that finds is timed for operators:
 * {@code coordinated_care_case_finding_seconds} at {@code /actuator/prometheus}.
 */
@Component("candidateFinder")
public class CandidateFinder implements JavaDelegate {

    private final CaseFindingRunRepository runs;
    private final CandidateSearch search;
    private final Eligibility eligibility;
    private final CandidateEvidence evidence;
    private final JdbcTemplate jdbc;
    private final LtcConditions ltcConditions;
    private final int annualReviewMonths;
    private final Timer timer;

    private static final Logger log = LoggerFactory.getLogger(CandidateFinder.class);

    /** 9 parameters a row: 4,500 a statement, under PostgreSQL's 32,767 and H2's limits. */
    private static final int ROWS_PER_INSERT = 500;

    private static final String INSERT_CANDIDATES = """
            insert into case_finding_candidate (run_id, patient_id, practice_id, ltc_count, ltc_categories, reasons,
                                                cms_score, cms_breakdown, evidence)
            values\s""";
    private static final String CANDIDATE_VALUES = "(?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final int[] CANDIDATE_TYPES = {
        Types.BIGINT,
        Types.BIGINT,
        Types.BIGINT,
        Types.INTEGER,
        Types.VARCHAR,
        Types.VARCHAR,
        Types.NUMERIC,
        Types.VARCHAR,
        Types.VARCHAR
    };

    public CandidateFinder(
            CaseFindingRunRepository runs,
            CandidateSearch search,
            Eligibility eligibility,
            CandidateEvidence evidence,
            JdbcTemplate jdbc,
            LtcConditions ltcConditions,
            @Value("${case-finding.annual-review-months:12}") int annualReviewMonths,
            MeterRegistry meters) {
        this.runs = runs;
        this.search = search;
        this.eligibility = eligibility;
        this.evidence = evidence;
        this.jdbc = jdbc;
        this.ltcConditions = ltcConditions;
        this.annualReviewMonths = annualReviewMonths;
        this.timer = Timer.builder("coordinated.care.case.finding")
                .description(
                        "Case-finding runs: search, eligibility, storing the candidates, starting the review lists")
                .register(meters);
    }

    @Override
    @Transactional
    public void execute(DelegateExecution execution) {
        Object runId = execution.getVariable(CaseFindingRuns.RUN_ID);
        CaseFindingRun run = runId == null
                ? runs.save(CaseFindingRun.requested(null, "SCHEDULE", "system")
                        .startedAs(execution.getProcessInstanceId()))
                : runs.findById(CaseFindingRuns.id(runId)).orElseThrow();
        execution.setVariable(CaseFindingRuns.RUN_ID, run.id());
        if (run.status() != CaseFindingStatus.REQUESTED) {
            return; // a retried job after the candidates were stored
        }
        Timer.Sample sample = Timer.start();
        try {
            find(execution, run);
        } finally {
            sample.stop(timer);
        }
    }

    private void find(DelegateExecution execution, CaseFindingRun run) {
        long started = System.nanoTime();
        Eligibility.Table table = eligibility.latest();
        Map<Long, Object[]> candidates = new LinkedHashMap<>();
        LocalDate today = LocalDate.now();
        search.facts(run.practiceId(), today, facts -> {
            Eligibility.Verdict verdict = table.decide(facts.inputs());
            if (verdict.eligible()) {
                candidates.put(facts.patientId(), new Object[] {
                    run.id(),
                    facts.patientId(),
                    facts.practiceId(),
                    facts.inputs().ltcCount(),
                    String.join("|", facts.ltcCategories()),
                    String.join("|", verdict.reasons()),
                    null, // score, breakdown and evidence: scoreAndExplain
                    null,
                    null
                });
            }
        });
        long found = System.nanoTime();
        Map<String, CandidateEvidence.RunCode> codes = evidence.keepCodeList(run.id());
        Map<Long, CandidateEvidence.Evidence> why = evidence.ofRun(candidates.keySet(), run.practiceId(), today, codes);
        long read = System.nanoTime();
        listAnnualReviews(run);
        startLists(
                run,
                candidates.values().stream()
                        .map(candidate -> (Long) candidate[2])
                        .collect(Collectors.toSet()));
        store(run.id(), new ArrayList<>(candidates.values()), scoreAndExplain(why, today, codes));
        long stored = System.nanoTime();
        runs.save(run.found(table.version(), ltcConditions.version()));
        execution.setVariable("candidateCount", candidates.size());
        log.info(
                "Case-finding run {}: {} candidates; search and eligibility {} ms, evidence read {} ms, "
                        + "annual reviews, lists, and candidates scored, explained and stored {} ms",
                run.id(),
                candidates.size(),
                (found - started) / 1_000_000,
                (read - found) / 1_000_000,
                (stored - read) / 1_000_000);
    }

    /** Stores rows that are complete as they are ({@link #store(long, List, Consumer)}). */
    public void store(long runId, List<Object[]> rows) {
        store(runId, rows, row -> {});
    }

    /**
     * Stores the run's candidates, then checks in one pass that each names a patient and a list of this run that exist,
     * failing the run if one does not (ADR 0030). The table has no foreign keys on these columns: PostgreSQL checks a
     * key row by row, which took longer than the search itself. On PostgreSQL the rows go in by {@code COPY}, which
     * parses no statement and binds no parameter; on H2, {@value #ROWS_PER_INSERT} to an {@code INSERT}. Each row is
     * completed by {@code complete} (its score and evidence) just before it is sent: PostgreSQL inserts the rows sent
     * while the next are written, so on two cores the JSON and the insert overlap instead of taking turns.
     */
    void store(long runId, List<Object[]> rows, Consumer<Object[]> complete) {
        boolean copied = Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection -> {
            if (!connection.isWrapperFor(PGConnection.class)) {
                return false;
            }
            copy(connection.unwrap(PGConnection.class), rows, complete);
            return true;
        }));
        if (!copied) {
            rows.forEach(complete);
            insert(rows);
        }
        List<Long> unknown = jdbc.queryForList(UNKNOWN_REFERENCES, Long.class, runId, runId, runId);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("Case-finding run " + runId + " names patients or practice lists that do"
                    + " not exist: candidate patient ids " + unknown.subList(0, Math.min(10, unknown.size()))
                    + (unknown.size() > 10 ? " and " + (unknown.size() - 10) + " more" : ""));
        }
    }

    private void insert(List<Object[]> rows) {
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
            String sql = INSERT_CANDIDATES + String.join(", ", Collections.nCopies(chunk.size(), CANDIDATE_VALUES));
            jdbc.update(sql, statement -> {
                int column = 1;
                for (Object[] row : chunk) {
                    for (int i = 0; i < row.length; i++) {
                        if (row[i] == null) {
                            statement.setNull(column++, CANDIDATE_TYPES[i]);
                        } else {
                            statement.setObject(column++, row[i], CANDIDATE_TYPES[i]);
                        }
                    }
                }
            });
        }
    }

    private static final String COPY_CANDIDATES = """
            copy case_finding_candidate (run_id, patient_id, practice_id, ltc_count, ltc_categories, reasons, cms_score,
                                         cms_breakdown, evidence)
            from stdin""";

    /** About 64 kB of rows to a message to the server. */
    private static final int COPY_BUFFER = 1 << 16;

    /**
     * The rows in {@code COPY}'s text form: tab between columns, {@code \N} for null, and a backslash, tab, newline or
     * carriage return in a text escaped. A failure cancels the copy, and the run's transaction rolls back.
     */
    static void copy(PGConnection connection, List<Object[]> rows, Consumer<Object[]> complete) throws SQLException {
        CopyIn copy = connection.getCopyAPI().copyIn(COPY_CANDIDATES);
        try {
            StringBuilder text = new StringBuilder(COPY_BUFFER + 20_000);
            for (Object[] row : rows) {
                complete.accept(row);
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) {
                        text.append('\t');
                    }
                    copyValue(text, row[i]);
                }
                text.append('\n');
                if (text.length() >= COPY_BUFFER) {
                    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                    copy.writeToCopy(bytes, 0, bytes.length);
                    text.setLength(0);
                }
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void copyValue(StringBuilder text, Object value) {
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof BigDecimal decimal) {
            text.append(decimal.toPlainString());
        } else if (value instanceof Number number) {
            text.append(number.longValue());
        } else {
            String s = value.toString();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\\' -> text.append("\\\\");
                    case '\t' -> text.append("\\t");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    default -> text.append(c);
                }
            }
        }
    }

    /**
     * The candidates of a run that name a patient or a list (run and practice) that does not exist: the check the
     * foreign keys made row by row, as one anti-join over the run's rows for each (ADR 0030). Apart, each is a hash
     * anti-join; joined by {@code or}, PostgreSQL looked each row up twice. The lists are the run's 20 or so rows, so
     * each candidate's practice is looked up in them as a hashed set ({@code not in}; neither column is ever null): as
     * an anti-join, with statistics that predate the run's rows, PostgreSQL planned a nested loop that read the run's
     * lists again for each of 80,787 candidates (153 ms against 43 ms).
     */
    public static final String UNKNOWN_REFERENCES = """
            select k.patient_id from case_finding_candidate k
            where k.run_id = ? and not exists (select 1 from patient p where p.id = k.patient_id)
            union all
            select k.patient_id from case_finding_candidate k
            where k.run_id = ? and k.practice_id not in (select l.practice_id from case_finding_list l where l.run_id = ?)""";

    /**
     * Completes a candidate's row with its Cambridge Multimorbidity Score, from the conditions in its evidence (the
     * review list comes most complex first), and the evidence as stored.
     */
    private static Consumer<Object[]> scoreAndExplain(
            Map<Long, CandidateEvidence.Evidence> found,
            LocalDate today,
            Map<String, CandidateEvidence.RunCode> codes) {
        // a score depends only on the categories it counts, which thousands of candidates share
        Map<List<String>, MultimorbidityScore.Score> scores = new HashMap<>();
        return row -> {
            CandidateEvidence.Evidence why = found.get((Long) row[1]);
            MultimorbidityScore.Score score = scores.computeIfAbsent(
                    MultimorbidityScore.counted(CandidateEvidence.scored(why), today), MultimorbidityScore::ofCounted);
            row[6] = score.total();
            row[7] = score.breakdown();
            row[8] = CandidateEvidence.toJson(why, codes);
        };
    }

    /**
     * A list for each practice with a candidate or an annual review in this run. The candidates name their list, so
     * each is checked against one row instead of against the run and the practice apart.
     */
    private void startLists(CaseFindingRun run, Set<Long> candidatePractices) {
        jdbc.batchUpdate(
                "insert into case_finding_list (run_id, practice_id) values (?, ?)",
                candidatePractices.stream()
                        .sorted()
                        .map(practice -> new Object[] {run.id(), practice})
                        .toList());
        jdbc.update("""
                insert into case_finding_list (run_id, practice_id)
                select distinct r.run_id, r.practice_id from case_finding_annual_review r
                where r.run_id = ? and not exists (select 1 from case_finding_list l
                                                   where l.run_id = r.run_id and l.practice_id = r.practice_id)""", run.id());
    }

    /**
     * The regular review: active episodes opened {@code annualReviewMonths} or more ago with no annual review booked in
     * that time and none waiting on another list.
     */
    private void listAnnualReviews(CaseFindingRun run) {
        LocalDateTime since = LocalDateTime.now().minusMonths(annualReviewMonths);
        String practiceFilter = run.practiceId() == null ? "" : " and p.practice_id = " + run.practiceId();
        jdbc.update("""
                insert into case_finding_annual_review (run_id, episode_id, patient_id, practice_id)
                select ?, e.id, e.patient_id, p.practice_id
                from episode e join patient p on p.id = e.patient_id
                where e.status = 'ACTIVE' and e.opened_at <= ? and not p.deceased
                  and not exists (select 1 from case_finding_annual_review r where r.episode_id = e.id
                                  and (r.booked is null or (r.booked = true and r.booked_at > ?)))""" + practiceFilter, run.id(), since, since);
    }
}
