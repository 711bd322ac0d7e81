package org.coordinatedcare.episode;

/**
 * Things that happen to a person outside Tasklist and change their pathway, each correlated into it as the message its
 * diagram waits for.
 */
public enum PathwayEvent {
    PATIENT_DIED("PatientDied", true),
    PATIENT_LEFT_PRACTICE("PatientLeftPractice", true),
    PATIENT_DECLINED_CARE("PatientDeclinedCare", true),
    COORDINATOR_NOT_MOST_APPROPRIATE("CoordinatorNotMostAppropriate", false),
    COORDINATOR_CHANGE_REQUESTED("CoordinatorChangeRequested", false),
    COORDINATOR_NO_LONGER_INVOLVED("CoordinatorNoLongerInvolved", false),
    HOSPITAL_EVENT_REPORTED("HospitalEventReported", false);

    private final String message;
    private final boolean closesPathway;

    PathwayEvent(String message, boolean closesPathway) {
        this.message = message;
        this.closesPathway = closesPathway;
    }

    public String message() {
        return message;
    }

    /** The pathway closes on it, so the person who reported it is the one who closed the episode. */
    public boolean closesPathway() {
        return closesPathway;
    }
}
