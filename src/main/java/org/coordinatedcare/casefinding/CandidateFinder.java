package org.coordinatedcare.casefinding;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.coordinatedcare.reference.LtcConditions;
import org.springframework.beans.factory.annotation.Value;
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
        scoreAndExplain(candidates, today);
        listAnnualReviews(run);
        startLists(
                run,
                candidates.values().stream()
                        .map(candidate -> (Long) candidate[2])
                        .collect(Collectors.toSet()));
        jdbc.batchUpdate("""
                insert into case_finding_candidate (run_id, patient_id, practice_id, ltc_count, ltc_categories, reasons,
                                                    cms_score, cms_breakdown, evidence)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", new ArrayList<>(candidates.values()));
        runs.save(run.found(table.version(), ltcConditions.version()));
        execution.setVariable("candidateCount", candidates.size());
    }

    /**
     * Each candidate's evidence from the register, read for the candidates alone once the table has decided, and their
     * Cambridge Multimorbidity Score from the conditions in it: the review list comes most complex first.
     */
    private void scoreAndExplain(Map<Long, Object[]> candidates, LocalDate today) {
        Map<Long, CandidateEvidence.Evidence> found = evidence.of(candidates.keySet(), today);
        candidates.forEach((patientId, row) -> {
            CandidateEvidence.Evidence why = found.get(patientId);
            MultimorbidityScore.Score score = MultimorbidityScore.of(CandidateEvidence.scored(why), today);
            row[6] = score.total();
            row[7] = score.breakdown();
            row[8] = CandidateEvidence.toJson(why);
        });
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
