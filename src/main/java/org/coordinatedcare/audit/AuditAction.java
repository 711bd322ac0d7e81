package org.coordinatedcare.audit;

/** The changes to a pathway that must be traceable to a person. */
public enum AuditAction {
    NAMED_PROFESSIONAL_ASSIGNED,
    CARE_COORDINATOR_APPOINTED,
    CARE_COORDINATOR_TRANSFERRED,
    CARE_PLAN_AGREED,
    CARE_PLAN_SHARED,
    PATHWAY_CLOSED,
    PATHWAY_EVENT_REPORTED,
    PATHWAY_MIGRATED,
    /** The patient was on a neighbourhood MDT meeting's agenda, seen by its attendees. */
    MDT_MEETING_ACCESS
}
