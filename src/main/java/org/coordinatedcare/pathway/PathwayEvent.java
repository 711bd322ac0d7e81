package org.coordinatedcare.pathway;

/**
 * Things that happen to a person outside Tasklist and change their pathway, each correlated into it as the message its
 * diagram waits for.
 */
public enum PathwayEvent {
    PATIENT_DIED("PatientDied"),
    PATIENT_LEFT_PRACTICE("PatientLeftPractice"),
    PATIENT_DECLINED_CARE("PatientDeclinedCare"),
    COORDINATOR_NOT_MOST_APPROPRIATE("CoordinatorNotMostAppropriate"),
    COORDINATOR_CHANGE_REQUESTED("CoordinatorChangeRequested"),
    COORDINATOR_NO_LONGER_INVOLVED("CoordinatorNoLongerInvolved"),
    HOSPITAL_EVENT_REPORTED("HospitalEventReported");

    private final String message;

    PathwayEvent(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
