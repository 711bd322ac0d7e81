package org.coordinatedcare;

/**
 * The ids of the deployed diagrams' elements that tests refer to, one nested class per diagram in {@code processes/},
 * and the message names tests correlate. {@code DiagramTest} checks every constant against the diagrams, so a renamed
 * element fails there, by name, rather than as a missing task somewhere in a pathway test.
 */
public final class Diagram {

    private Diagram() {}

    /** {@code processes/coordinated-care.bpmn}. */
    public static final class CoordinatedCare {
        public static final String FILE = "processes/coordinated-care.bpmn";

        public static final String EVENT_HOSPITAL_EVENT_REPORTED = "Event_HospitalEventReported";
        public static final String GATEWAY_AWAIT_MDT_REVIEW = "Gateway_AwaitMdtReview";
        public static final String AGREE_CLOSURE = "Task_AgreeClosure";
        public static final String APPOINT_CARE_COORDINATOR = "Task_AppointCareCoordinator";
        public static final String ASSIGN_NAMED_PROFESSIONAL = "Task_AssignNamedProfessional";
        public static final String CLOSE_EPISODE = "Task_CloseEpisode";
        public static final String CLOSE_EPISODE_DECEASED = "Task_CloseEpisodeDeceased";
        public static final String CLOSE_EPISODE_DECLINED = "Task_CloseEpisodeDeclined";
        public static final String CONFIRM_REFERRALS = "Task_ConfirmReferrals";
        public static final String DECIDE_AFTER_NO_RESPONSE = "Task_DecideAfterNoResponse";
        public static final String DECIDE_FUNDING = "Task_DecideFunding";
        public static final String HAND_OVER_NO_LONGER_INVOLVED = "Task_HandOverNoLongerInvolved";
        public static final String HAND_OVER_NOT_RIGHT_PERSON = "Task_HandOverNotRightPerson";
        public static final String HAND_OVER_ON_REQUEST = "Task_HandOverOnRequest";
        public static final String RECORD_INVITATION_RESPONSE = "Task_RecordInvitationResponse";
        public static final String RECORD_REFERRAL_OUTCOME = "Task_RecordReferralOutcome";
        public static final String RECORD_REFERRAL_RESPONSE = "Task_RecordReferralResponse";
        public static final String SCHEDULE_COORDINATED_CARE = "Task_ScheduleCoordinatedCare";
        public static final String SEND_INVITATION_LETTER = "Task_SendInvitationLetter";
        public static final String TIMER_INVITATION_REMINDER_DUE = "Timer_InvitationReminderDue";
        public static final String TIMER_MDT_REVIEW_DUE = "Timer_MdtReviewDue";

        private CoordinatedCare() {}
    }

    /** {@code processes/care-planning.bpmn}. */
    public static final class CarePlanning {
        public static final String FILE = "processes/care-planning.bpmn";

        public static final String HOLD_CARE_PLANNING_MEETING = "Task_HoldCarePlanningMeeting";
        public static final String HOLISTIC_ASSESSMENT = "Task_HolisticAssessment";

        private CarePlanning() {}
    }

    /** {@code processes/mdt-review.bpmn}. */
    public static final class MdtReview {
        public static final String FILE = "processes/mdt-review.bpmn";

        public static final String HOLD_MDT_REVIEW = "Task_HoldMdtReview";
        public static final String RECORD_MEETING_OUTCOME = "Task_RecordMeetingOutcome";

        private MdtReview() {}
    }

    /** {@code processes/mdt-meeting.bpmn}. */
    public static final class MdtMeeting {
        public static final String FILE = "processes/mdt-meeting.bpmn";
        public static final String PROCESS = "mdt-meeting";

        public static final String BUILD_AGENDA = "Task_BuildAgenda";
        public static final String PREPARE_AGENDA = "Task_PrepareAgenda";
        public static final String OPEN_MEETING = "Task_OpenMeeting";
        public static final String DISCUSS_PATIENT = "Task_DiscussPatient";
        public static final String CLOSE_MEETING = "Task_CloseMeeting";

        private MdtMeeting() {}
    }

    /** {@code processes/mdt-meeting-schedule.bpmn}. */
    public static final class MdtMeetingSchedule {
        public static final String FILE = "processes/mdt-meeting-schedule.bpmn";

        public static final String START_MEETINGS_DUE = "StartEvent_MeetingsDue";
        public static final String NEIGHBOURHOOD_MEETING = "CallActivity_NeighbourhoodMeeting";

        private MdtMeetingSchedule() {}
    }

    /** {@code processes/case-finding.bpmn}. */
    public static final class CaseFinding {
        public static final String FILE = "processes/case-finding.bpmn";

        public static final String REVIEW_CASE_FINDING_LIST = "Task_ReviewCaseFindingList";

        private CaseFinding() {}
    }

    /** Message names (the {@code name} of a {@code bpmn:message}), as correlated by our code and the tests. */
    public static final class Messages {
        public static final String PATIENT_IDENTIFIED = "PatientIdentified";
        public static final String PATIENT_DECLINED_CARE = "PatientDeclinedCare";
        public static final String PATIENT_DIED = "PatientDied";
        public static final String PATIENT_LEFT_PRACTICE = "PatientLeftPractice";
        public static final String HOSPITAL_EVENT_REPORTED = "HospitalEventReported";
        public static final String MDT_MEETING_OUTCOME = "MdtMeetingOutcome";
        public static final String COORDINATOR_CHANGE_REQUESTED = "CoordinatorChangeRequested";
        public static final String COORDINATOR_NO_LONGER_INVOLVED = "CoordinatorNoLongerInvolved";
        public static final String COORDINATOR_NOT_MOST_APPROPRIATE = "CoordinatorNotMostAppropriate";
        public static final String CASE_FINDING_REQUESTED = "CaseFindingRequested";

        private Messages() {}
    }
}
