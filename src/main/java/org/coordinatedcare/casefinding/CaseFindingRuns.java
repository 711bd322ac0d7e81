package org.coordinatedcare.casefinding;

import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.coordinatedcare.patient.Practice;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starting runs and the lists the diagram iterates over: {@code ${caseFindingRuns.practicesToReview(caseFindingRunId)}}
 * (one review per practice with something to review),
 * {@code ${caseFindingRuns.confirmedCandidates(caseFindingRunId, practiceCode)}} (one pathway start per patient confirmed
 * on the page just reviewed) and {@code ${caseFindingRuns.leftToReview(caseFindingRunId, practiceCode)}} (whether the
 * practice has another page).
 */
@Component("caseFindingRuns")
public class CaseFindingRuns {

    public static final String PROCESS_KEY = "case-finding";
    public static final String REQUESTED_MESSAGE = "CaseFindingRequested";
    public static final String RUN_ID = "caseFindingRunId";

    private final CaseFindingRunRepository runs;
    private final RuntimeService runtime;
    private final JdbcClient jdbc;
    private final ReviewList lists;

    public CaseFindingRuns(CaseFindingRunRepository runs, RuntimeService runtime, JdbcClient jdbc, ReviewList lists) {
        this.runs = runs;
        this.runtime = runtime;
        this.jdbc = jdbc;
        this.lists = lists;
    }

    /** Records an on-demand run and starts its process; the search itself runs as a job after this commits. */
    @Transactional
    public CaseFindingRun request(Practice practiceOrNull, String by) {
        CaseFindingRun run =
                runs.save(CaseFindingRun.requested(practiceOrNull == null ? null : practiceOrNull.id(), "REQUEST", by));
        String instanceId = runtime.createMessageCorrelation(REQUESTED_MESSAGE)
                .processInstanceBusinessKey("case-finding-" + run.id())
                .setVariable(RUN_ID, run.id())
                .correlateStartMessage()
                .getId();
        return runs.save(run.startedAs(instanceId));
    }

    public List<String> practicesToReview(Object runId) {
        return jdbc.sql("""
                        select pr.ods_code from case_finding_list l join practice pr on pr.id = l.practice_id
                        where l.run_id = ?
                        order by pr.ods_code""").param(id(runId)).query(String.class).list();
    }

    /**
     * Confirmed candidates whose pathway has not been started yet: those of the page just reviewed, because the
     * diagram opens the next page only after every start of this one has run.
     */
    public List<Long> confirmedCandidates(Object runId, String practiceCode) {
        return jdbc.sql("""
                        select k.id from case_finding_candidate k join practice pr on pr.id = k.practice_id
                        where k.run_id = ? and pr.ods_code = ? and k.decision = 'CONFIRMED' and k.pathway_outcome is null
                        order by k.id""").params(id(runId), practiceCode).query(Long.class).list();
    }

    public long leftToReview(Object runId, String practiceCode) {
        return lists.leftToReview(id(runId), practiceCode);
    }

    static long id(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        return Long.parseLong(String.valueOf(value));
    }
}
