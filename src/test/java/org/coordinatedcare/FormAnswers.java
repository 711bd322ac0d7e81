package org.coordinatedcare;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One valid answer for each form in {@code forms/}, as Tasklist would submit it: every required field filled within
 * its limits, and dates relative to today. Each call returns a fresh mutable map, so a test overrides just the field
 * it is about ({@code with(HOLISTIC_ASSESSMENT, "lowMood", true)}) and the rest stays valid. Forms whose answer can
 * only name something of the test's own (refer-patient's patient id, review-case-finding's list rows) are not here.
 */
public final class FormAnswers {

    public static final String ASSIGN_NAMED_PROFESSIONAL = "assign-named-professional";
    public static final String RECORD_INVITATION_RESPONSE = "record-invitation-response";
    public static final String DECIDE_AFTER_NO_RESPONSE = "decide-after-no-response";
    public static final String HOLISTIC_ASSESSMENT = "holistic-assessment";
    public static final String CARE_PLANNING_MEETING = "care-planning-meeting";
    public static final String CONFIRM_REFERRALS = "confirm-referrals";
    public static final String RECORD_REFERRAL_RESPONSE = "record-referral-response";
    public static final String RECORD_REFERRAL_OUTCOME = "record-referral-outcome";
    public static final String HOLD_MDT_REVIEW = "hold-mdt-review";
    public static final String APPOINT_CARE_COORDINATOR = "appoint-care-coordinator";
    public static final String DECIDE_FUNDING = "decide-funding";
    public static final String SCHEDULE_COORDINATED_CARE = "schedule-coordinated-care";
    public static final String HAND_OVER_COORDINATION = "hand-over-coordination";
    public static final String AGREE_CLOSURE = "agree-closure";
    public static final String PREPARE_MDT_AGENDA = "prepare-mdt-agenda";
    public static final String OPEN_MDT_MEETING = "open-mdt-meeting";
    public static final String DISCUSS_MDT_PATIENT = "discuss-mdt-patient";

    private static final Map<String, Supplier<Map<String, Object>>> ANSWERS = new LinkedHashMap<>();

    static {
        ANSWERS.put(
                ASSIGN_NAMED_PROFESSIONAL,
                () -> answer(
                        "namedProfessional", "drpatel",
                        "assignmentNote", "Knows the family"));
        ANSWERS.put(
                RECORD_INVITATION_RESPONSE,
                () -> answer(
                        "invitationResponse",
                        "accepted",
                        "meetingDate",
                        LocalDate.now().plusDays(10).toString()));
        ANSWERS.put(
                DECIDE_AFTER_NO_RESPONSE,
                () -> answer(
                        "nextStep", "close",
                        "decisionNote", "No reply to the invitation or two reminders"));
        ANSWERS.put(
                HOLISTIC_ASSESSMENT,
                () -> answer(
                        "physicalNeeds",
                        "Breathless on stairs; poorly controlled blood pressure",
                        "emotionalNeeds",
                        "Coping well",
                        "socialNeeds",
                        "Supportive family nearby",
                        "hasSocialNeeds",
                        false,
                        "lowMood",
                        false,
                        "selfManagementConfidence",
                        "high",
                        "wantsLifestyleSupport",
                        false,
                        "healthBudgetEligible",
                        false));
        ANSWERS.put(
                CARE_PLANNING_MEETING,
                () -> answer(
                        "whatMattersToMe", "Walking to church on Sundays",
                        "goals", "Walk 20 minutes a day",
                        "action1", "Book pulmonary rehabilitation",
                        "actionOwner1", "Practice nurse",
                        "actionDue1", LocalDate.now().plusDays(14).toString(),
                        "action2", "Join the walking group",
                        "actionOwner2", "Patient",
                        "actionDue2", LocalDate.now().plusDays(30).toString(),
                        "reviewDate", LocalDate.now().plusMonths(6).toString(),
                        "sharedWith", List.of("PATIENT", "FAMILY_OR_CARER", "HOSPITAL"),
                        "consentToShare", true));
        ANSWERS.put(CONFIRM_REFERRALS, () -> answer("referralTypes", List.of("SOCIAL_PRESCRIBING")));
        ANSWERS.put(RECORD_REFERRAL_RESPONSE, () -> answer("referralResponse", "accepted"));
        ANSWERS.put(RECORD_REFERRAL_OUTCOME, () -> answer("referralOutcome", "completed"));
        ANSWERS.put(
                HOLD_MDT_REVIEW,
                () -> answer(
                        "meetingDate", LocalDate.now().toString(),
                        "attendees", "GP, practice nurse, community matron, social worker",
                        "needTrend", "stable",
                        "agenciesInvolved", 1,
                        "longInterventionExpected", false,
                        "mdtOutcome", "continue",
                        "mdtNotes", "Discussed at neighbourhood MDT"));
        ANSWERS.put(APPOINT_CARE_COORDINATOR, () -> answer("careCoordinator", "coordsmith"));
        ANSWERS.put(DECIDE_FUNDING, () -> answer("fundingDecision", "not-needed"));
        ANSWERS.put(
                SCHEDULE_COORDINATED_CARE,
                () -> answer(
                        "scheduledActivities",
                        "Weekly phone call",
                        "nextContactDate",
                        LocalDate.now().plusDays(7).toString(),
                        "booking1Activity",
                        "Home visit",
                        "booking1With",
                        "Community nursing team",
                        "booking1Date",
                        LocalDate.now().plusDays(3).toString()));
        ANSWERS.put(
                HAND_OVER_COORDINATION,
                () -> answer(
                        "newCareCoordinator", "coordtaylor",
                        "handoverNotes", "Weekly calls on Mondays; daughter is the main contact"));
        ANSWERS.put(
                AGREE_CLOSURE,
                () -> answer(
                        "closureAgreed", true,
                        "patientAgreed", true,
                        "closureNote", "Needs stable; the person agrees"));
        ANSWERS.put(PREPARE_MDT_AGENDA, FormAnswers::answer);
        ANSWERS.put(
                OPEN_MDT_MEETING,
                () -> answer(
                        "meetingDate",
                        LocalDate.now().toString(),
                        "attendees",
                        "Dr Amy Lee (GP), Practice\nJo Baker (district nurse), Community nursing\n"
                                + "Sam Evans (social worker), Social care"));
        ANSWERS.put(
                DISCUSS_MDT_PATIENT,
                () -> answer(
                        "meetingOutcome", "continue",
                        "needTrend", "stable",
                        "meetingActions", "Community nurse: review leg ulcer dressing weekly",
                        "meetingNotes", "Settled since discharge"));
    }

    private FormAnswers() {}

    /** A fresh, mutable, valid answer to the form with this id (the {@code id} in {@code forms/<id>.form}). */
    public static Map<String, Object> of(String formId) {
        Supplier<Map<String, Object>> answer = ANSWERS.get(formId);
        if (answer == null) {
            throw new IllegalArgumentException("No valid answer for form " + formId + "; known: " + ANSWERS.keySet());
        }
        return answer.get();
    }

    /** The valid answer with some fields replaced or added: {@code with(AGREE_CLOSURE, "patientAgreed", false)}. */
    public static Map<String, Object> with(String formId, Object... keyValues) {
        Map<String, Object> answer = of(formId);
        answer.putAll(answer(keyValues));
        return answer;
    }

    /** The care-planning answer with a single action (action1 only), overrides applied. */
    public static Map<String, Object> carePlanWithOneAction(Object... keyValues) {
        Map<String, Object> answer = with(CARE_PLANNING_MEETING, keyValues);
        answer.keySet().removeAll(List.of("action2", "actionOwner2", "actionDue2"));
        return answer;
    }

    /** The ids of every form this class answers. */
    public static List<String> formIds() {
        return List.copyOf(ANSWERS.keySet());
    }

    private static Map<String, Object> answer(Object... keyValues) {
        Map<String, Object> answer = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            answer.put((String) keyValues[i], keyValues[i + 1]);
        }
        return answer;
    }
}
