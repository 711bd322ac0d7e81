package org.coordinatedcare.casefinding;

/** Where a run is: waiting to find candidates, lists waiting for review, or every list reviewed. */
public enum CaseFindingStatus {
    REQUESTED,
    IN_REVIEW,
    COMPLETED
}
