package org.coordinatedcare.patient;

/** Hospital events that matter to coordination: they feed the care coordinator triggers and bring MDT reviews forward. */
public enum EncounterType {
    UNPLANNED_ADMISSION,
    AE_ATTENDANCE,
    HOSPITAL_DISCHARGE
}
