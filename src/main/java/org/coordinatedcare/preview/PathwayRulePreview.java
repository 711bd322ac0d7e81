package org.coordinatedcare.preview;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The two pathway rules over the running pathways (active episodes): {@code coordinator-trigger}, with each pathway's
 * last MDT review answers (need trend, agencies, long intervention; "unknown", the practice alone and no before the
 * first review) and its hospital use today, as the next review would check it; and {@code mdt-review-interval}, with the
 * need trend, coordinator and LTC count, and the waiting review timer moved by the difference. Reads only.
 */
@Component
public class PathwayRulePreview {

    public static final String COORDINATOR_TRIGGER = "coordinator-trigger";
    public static final String MDT_REVIEW_INTERVAL = "mdt-review-interval";
    static final String MDT_TIMER = "Timer_MdtReviewDue";
    static final String PATHWAY = "coordinated-care";

    public record TriggerChange(String patientId, String practice, String triggerNow, String triggerAfter) {}

    public record TriggerPreview(
            String deployed,
            String uploaded,
            int pathways,
            int wouldGetCoordinatorNow,
            int wouldGetCoordinatorAfter,
            List<TriggerChange> changes) {}

    public record ReviewChange(
            String patientId,
            String practice,
            String intervalNow,
            String intervalAfter,
            Instant reviewDueNow,
            Instant reviewDueAfter,
            long movedByDays) {}

    public record IntervalPreview(
            String deployed,
            String uploaded,
            int pathways,
            int reviewsMovedEarlier,
            int reviewsMovedLater,
            List<ReviewChange> changes) {}

    private record PathwayFacts(
            String patientId,
            String practice,
            String processInstanceId,
            int ltcCount,
            boolean hasCoordinator,
            String needTrend,
            int agenciesInvolved,
            boolean longInterventionExpected,
            int unplannedAdmissions12m,
            boolean dischargedRecently) {}

    private final UploadedDecision decisions;
    private final JdbcTemplate jdbc;
    private final ManagementService management;
    private final RuntimeService runtime;

    public PathwayRulePreview(
            UploadedDecision decisions, JdbcTemplate jdbc, ManagementService management, RuntimeService runtime) {
        this.decisions = decisions;
        this.jdbc = jdbc;
        this.management = management;
        this.runtime = runtime;
    }

    @Transactional(readOnly = true)
    public TriggerPreview coordinatorTrigger(byte[] uploadedXml) {
        UploadedDecision.Deployed now = decisions.deployed(COORDINATOR_TRIGGER);
        DmnDecision after = decisions.parse(uploadedXml, COORDINATOR_TRIGGER, "dmn");
        List<PathwayFacts> pathways = pathways();
        int withNow = 0;
        int withAfter = 0;
        List<TriggerChange> changes = new ArrayList<>();
        for (PathwayFacts p : pathways) {
            VariableMap inputs = Variables.createVariables()
                    .putValue("hasCoordinator", p.hasCoordinator())
                    .putValue("agenciesInvolved", p.agenciesInvolved())
                    .putValue("longInterventionExpected", p.longInterventionExpected())
                    .putValue("needTrend", p.needTrend())
                    .putValue("unplannedAdmissions12m", p.unplannedAdmissions12m())
                    .putValue("dischargedRecently", p.dischargedRecently());
            String before = single(now.decision(), inputs);
            String changed = single(after, inputs);
            withNow += before == null ? 0 : 1;
            withAfter += changed == null ? 0 : 1;
            if (!Objects.equals(before, changed)) {
                changes.add(new TriggerChange(p.patientId(), p.practice(), before, changed));
            }
        }
        return new TriggerPreview(
                now.version(), COORDINATOR_TRIGGER + " (uploaded)", pathways.size(), withNow, withAfter, changes);
    }

    @Transactional(readOnly = true)
    public IntervalPreview mdtReviewInterval(byte[] uploadedXml) {
        UploadedDecision.Deployed now = decisions.deployed(MDT_REVIEW_INTERVAL);
        DmnDecision after = decisions.parse(uploadedXml, MDT_REVIEW_INTERVAL, "dmn");
        Map<String, Date> timers = new HashMap<>();
        for (Job job : management.createJobQuery().activityId(MDT_TIMER).list()) {
            timers.put(job.getProcessInstanceId(), job.getDuedate());
        }
        List<PathwayFacts> pathways = pathways();
        int earlier = 0;
        int later = 0;
        List<ReviewChange> changes = new ArrayList<>();
        for (PathwayFacts p : pathways) {
            VariableMap inputs = Variables.createVariables()
                    .putValue("needTrend", p.needTrend())
                    .putValue("hasCoordinator", p.hasCoordinator())
                    .putValue("ltcCount", p.ltcCount());
            String before = single(now.decision(), inputs);
            String changed = single(after, inputs);
            if (Objects.equals(before, changed)) {
                continue;
            }
            Date due = timers.get(p.processInstanceId());
            Instant dueNow = due == null ? null : due.toInstant();
            long days = days(changed) - days(before);
            Instant dueAfter = dueNow == null ? null : dueNow.plus(Duration.ofDays(days));
            earlier += days < 0 ? 1 : 0;
            later += days > 0 ? 1 : 0;
            changes.add(new ReviewChange(p.patientId(), p.practice(), before, changed, dueNow, dueAfter, days));
        }
        return new IntervalPreview(
                now.version(), MDT_REVIEW_INTERVAL + " (uploaded)", pathways.size(), earlier, later, changes);
    }

    /** An ISO-8601 period or duration as days from today; a table row must give one ("P6W", "P30D", "PT48H"). */
    private static long days(String interval) {
        if (interval == null) {
            return 0;
        }
        if (interval.contains("T")) {
            return Duration.parse(interval).toDays();
        }
        LocalDate today = LocalDate.now(ZoneId.systemDefault());
        return today.plus(Period.parse(interval)).toEpochDay() - today.toEpochDay();
    }

    private String single(DmnDecision decision, VariableMap inputs) {
        DmnDecisionResult result = decisions.engine().evaluateDecision(decision, inputs);
        Object value = result.getSingleResult() == null
                ? null
                : result.getSingleResult().getSingleEntry();
        return value == null ? null : value.toString();
    }

    /** Active episodes whose pathway is running (an episode is bound to its pathway's process instance). */
    private List<PathwayFacts> pathways() {
        java.util.Set<String> running = new java.util.HashSet<>();
        runtime.createProcessInstanceQuery()
                .processDefinitionKey(PATHWAY)
                .list()
                .forEach(instance -> running.add(instance.getId()));
        return facts().stream()
                .filter(p -> running.contains(p.processInstanceId()))
                .toList();
    }

    private List<PathwayFacts> facts() {
        LocalDate today = LocalDate.now();
        return jdbc.query(
                """
                select p.fhir_id, pr.ods_code, e.process_instance_id, e.ltc_count,
                       exists (select 1 from coordinator_assignment c where c.episode_id = e.id and c.ended_at is null)
                           as has_coordinator,
                       r.need_trend, r.agencies_involved, r.long_intervention_expected,
                       (select count(*) from encounter x where x.patient_id = p.id
                            and x.type = 'UNPLANNED_ADMISSION' and x.occurred_on >= ?) as admissions,
                       (select count(*) from encounter x where x.patient_id = p.id
                            and x.type = 'HOSPITAL_DISCHARGE' and x.occurred_on >= ?) as discharges
                from episode e
                join patient p on p.id = e.patient_id
                join practice pr on pr.id = p.practice_id
                left join mdt_review r on r.id = (select max(h.id) from mdt_review h
                                                  where h.episode_id = e.id and h.status = 'HELD')
                where e.status = 'ACTIVE'
                order by pr.ods_code, p.fhir_id""",
                (row, n) -> new PathwayFacts(
                        row.getString("fhir_id"),
                        row.getString("ods_code"),
                        row.getString("process_instance_id"),
                        row.getInt("ltc_count"),
                        row.getBoolean("has_coordinator"),
                        row.getString("need_trend") == null ? "unknown" : row.getString("need_trend"),
                        row.getObject("agencies_involved") == null ? 1 : row.getInt("agencies_involved"),
                        row.getBoolean("long_intervention_expected"),
                        row.getInt("admissions"),
                        row.getInt("discharges") > 0),
                java.sql.Date.valueOf(today.minusMonths(12)),
                java.sql.Date.valueOf(today.minusDays(30)));
    }
}
