package org.coordinatedcare.episode;

/** Why an episode of coordinated care ended. */
public enum ClosureReason {
    /** Everyone concerned agrees the person's needs are stable and care planning is functioning well. */
    NEEDS_STABLE,
    DECEASED,
    LEFT_PRACTICE,
    /** The person declined coordinated care. */
    DECLINED
}
