package org.coordinatedcare.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.coordinatedcare.it.PathwayDriver.Pathway;
import org.coordinatedcare.it.PathwayDriver.Route;

/**
 * What a finished pathway must have left in our tables, row by row, and what the engine must no longer hold. A side
 * effect run twice shows as a count of 2 (a second letter, share, reminder or assignment); one lost shows as 0.
 */
final class PathwayLedger {

    private static final String COUNTS = """
            select e.patient_id, e.status, e.closure_reason,
              (select count(*) from episode x where x.patient_id = e.patient_id) as episodes,
              (select count(*) from named_professional_assignment a where a.episode_id = e.id) as named_professionals,
              (select count(*) from named_professional_assignment a where a.episode_id = e.id and a.ended_at is null) as named_open,
              (select count(*) from invitation i where i.episode_id = e.id) as invitations,
              (select coalesce(max(i.reminders_sent), -1) from invitation i where i.episode_id = e.id) as reminders_sent,
              (select max(coalesce(i.response, i.next_step)) from invitation i where i.episode_id = e.id) as invitation_outcome,
              (select count(*) from patient_document d where d.episode_id = e.id and d.kind = 'INVITATION_LETTER') as invitation_letters,
              (select count(*) from patient_document d where d.episode_id = e.id and d.kind = 'REMINDER_LETTER') as reminder_letters,
              (select count(*) from patient_document d where d.episode_id = e.id and d.kind = 'CARE_PLAN') as plan_documents,
              (select count(*) from patient_document d where d.episode_id = e.id and d.kind = 'REFERRAL_LETTER') as referral_letters,
              (select count(*) from holistic_assessment h where h.episode_id = e.id) as assessments,
              (select count(*) from care_plan c where c.episode_id = e.id) as care_plans,
              (select count(*) from care_plan_action ca join care_plan c on c.id = ca.care_plan_id where c.episode_id = e.id) as plan_actions,
              (select count(*) from care_plan_share s join care_plan c on c.id = s.care_plan_id where c.episode_id = e.id and s.shared_at is not null) as shares,
              (select count(*) from referral r where r.episode_id = e.id) as referrals,
              (select count(*) from referral r where r.episode_id = e.id and r.status = 'COMPLETED') as referrals_completed,
              (select count(*) from mdt_review m where m.episode_id = e.id) as mdt_reviews,
              (select count(*) from mdt_review m where m.episode_id = e.id and m.status = 'HELD') as mdt_reviews_held,
              (select count(*) from mdt_review m where m.episode_id = e.id and m.coordinator_trigger is not null) as coordinator_triggers,
              (select count(*) from coordinator_assignment c where c.episode_id = e.id) as coordinators,
              (select count(*) from funding_decision f where f.episode_id = e.id) as funding_decisions,
              (select count(*) from coordinated_care_schedule s where s.episode_id = e.id) as schedules,
              (select count(*) from audit_event a where a.episode_id = e.id and a.action = 'NAMED_PROFESSIONAL_ASSIGNED') as audit_assigned,
              (select count(*) from audit_event a where a.episode_id = e.id and a.action = 'CARE_PLAN_AGREED') as audit_plan_agreed,
              (select count(*) from audit_event a where a.episode_id = e.id and a.action = 'CARE_PLAN_SHARED') as audit_plan_shared,
              (select count(*) from audit_event a where a.episode_id = e.id and a.action = 'CARE_COORDINATOR_APPOINTED') as audit_coordinator,
              (select count(*) from audit_event a where a.episode_id = e.id and a.action = 'PATHWAY_CLOSED') as audit_closed
            from episode e""";

    private final ItDatabase db;

    PathwayLedger(ItDatabase db) {
        this.db = db;
    }

    /** Every difference between the rows found and the rows each pathway's route must leave; empty when all agree. */
    List<String> discrepancies(List<Pathway> pathways) {
        Map<Long, Map<String, Object>> found = new LinkedHashMap<>();
        db.jdbc
                .sql(COUNTS)
                .query()
                .listOfRows()
                .forEach(row -> found.put(((Number) row.get("patient_id")).longValue(), row));
        List<String> differences = new ArrayList<>();
        for (Pathway pathway : pathways) {
            Map<String, Object> row = found.get(pathway.patientId());
            if (row == null) {
                differences.add("patient " + pathway.patientId() + " (" + pathway.route() + "): no episode at all");
                continue;
            }
            Map<String, Object> expected = expected(pathway.route(), number(row, "coordinator_triggers"));
            expected.forEach((column, value) -> {
                Object actual = row.get(column) instanceof Number n ? (Object) n.longValue() : row.get(column);
                if (!String.valueOf(value).equals(String.valueOf(actual))) {
                    differences.add("patient " + pathway.patientId() + " (" + pathway.route() + "): " + column + " = "
                            + actual + ", expected " + value);
                }
            });
        }
        return differences;
    }

    private static Map<String, Object> expected(Route route, long coordinatorTriggers) {
        boolean full = route == Route.FULL;
        long coordination = full ? coordinatorTriggers : 0;
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("episodes", 1L);
        expected.put("status", "CLOSED");
        expected.put("closure_reason", full ? "NEEDS_STABLE" : "DECLINED");
        expected.put("named_professionals", 1L);
        expected.put("named_open", 0L);
        expected.put("invitations", 1L);
        expected.put("reminders_sent", full ? 0L : 2L);
        expected.put("invitation_outcome", full ? "accepted" : "close");
        expected.put("invitation_letters", 1L);
        expected.put("reminder_letters", full ? 0L : 2L);
        expected.put("plan_documents", full ? 1L : 0L);
        expected.put("referral_letters", full ? 1L : 0L);
        expected.put("assessments", full ? 1L : 0L);
        expected.put("care_plans", full ? 1L : 0L);
        expected.put("plan_actions", full ? 1L : 0L);
        expected.put("shares", full ? 2L : 0L);
        expected.put("referrals", full ? 1L : 0L);
        expected.put("referrals_completed", full ? 1L : 0L);
        expected.put("mdt_reviews", full ? 1L : 0L);
        expected.put("mdt_reviews_held", full ? 1L : 0L);
        expected.put("coordinator_triggers", coordination);
        expected.put("coordinators", coordination);
        expected.put("funding_decisions", coordination);
        expected.put("schedules", coordination);
        expected.put("audit_assigned", 1L);
        expected.put("audit_plan_agreed", full ? 1L : 0L);
        expected.put("audit_plan_shared", full ? 1L : 0L);
        expected.put("audit_coordinator", coordination);
        expected.put("audit_closed", 1L);
        return expected;
    }

    /** Process instances and jobs of these pathways still in the engine, and incidents anywhere. */
    List<String> engineLeftovers(List<Pathway> pathways) {
        List<String> leftovers = new ArrayList<>();
        String ours = "(select p.id_ from act_ru_execution p where p.business_key_ in ("
                + pathways.stream().map(p -> "'" + p.key() + "'").collect(Collectors.joining(",")) + "))";
        List<String> waiting = db.jdbc
                .sql("select act_id_ from act_ru_execution where act_id_ is not null and proc_inst_id_ in " + ours)
                .query(String.class)
                .list();
        if (!waiting.isEmpty()) {
            leftovers.add(waiting.size() + " executions still waiting, at " + Set.copyOf(waiting));
        }
        List<String> jobs = db.jdbc
                .sql("select coalesce(exception_msg_, 'no failure') from act_ru_job where process_instance_id_ in "
                        + ours)
                .query(String.class)
                .list();
        if (!jobs.isEmpty()) {
            leftovers.add(jobs.size() + " jobs left: " + Set.copyOf(jobs));
        }
        List<String> incidents = db.jdbc
                .sql("select incident_msg_ from act_ru_incident")
                .query(String.class)
                .list();
        if (!incidents.isEmpty()) {
            leftovers.add(incidents.size() + " incidents: "
                    + incidents.stream().distinct().limit(5).toList());
        }
        return leftovers;
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }
}
