// Layout of processes/coordinated-care.bpmn (see ../layout.mjs).
// Shapes: [centreX, centreY] for flow nodes, {x, y, w, h} for sub-processes and annotations.
// Edges: `route` is 'hv' / 'vh' or a list of bend points; `label` is the label's centre.
//
// Main flow runs left to right on row Y. Below it: the invitation-reminder loop and the
// no-response decision (left), the care coordinator branch (right). Above it: referral tracking.
// Event sub-processes sit in a row under the whole flow.
const Y = 420;
const SCALE_X = 1.12; // applied by layout.mjs to every x coordinate below

// event sub-process frames
const ESP_TOP = Y + 440;
const T = { w: 600, h: 245 }; // transfer
const C = { w: 480, h: 175 }; // closure
const tx = [150, 900, 1650];
const cx = [2400, 3030, 3660];

function transfer(i, ids) {
  const x0 = tx[i], y0 = ESP_TOP, row = y0 + 120;
  return {
    [ids.esp]: { x: x0, y: y0, w: T.w, h: T.h },
    [ids.start]: [x0 + 80, row],
    [ids.gw]: [x0 + 200, row],
    [ids.task]: [x0 + 360, row],
    [ids.endOk]: [x0 + 520, row],
    [ids.endNone]: [x0 + 360, row + 95]
  };
}
function closure(i, ids) {
  const x0 = cx[i], y0 = ESP_TOP, row = y0 + 85;
  return {
    [ids.esp]: { x: x0, y: y0, w: C.w, h: C.h },
    [ids.start]: [x0 + 90, row],
    [ids.task]: [x0 + 240, row],
    [ids.end]: [x0 + 390, row]
  };
}

const SP = { x: 2140, y: Y - 345, w: 800, h: 260 }; // SubProcess_TrackReferral
const SPY = SP.y + 100; // its inner row

export default {
  scaleX: SCALE_X,
  shapes: {
    StartEvent_PatientIdentified: [180, Y],
    StartEvent_ReferredByClinician: [180, Y + 120],
    Gateway_PathwayStarted: [280, Y],
    Task_OpenEpisode: [400, Y],
    Task_AssignNamedProfessional: [550, Y],
    Gateway_Invite: [690, Y],
    Task_SendInvitationLetter: [810, Y],
    Gateway_AwaitResponse: [950, Y],
    Task_RecordInvitationResponse: [1090, Y],
    Timer_InvitationReminderDue: [1114, Y + 40],
    Gateway_RemindersSent: [1114, Y + 160],
    Task_SendInvitationReminder: [950, Y + 160],
    Gateway_InvitationResponse: [1240, Y],
    Gateway_NoResponse: [1240, Y + 160],
    Task_DecideAfterNoResponse: [1370, Y + 160],
    Gateway_NextStep: [1510, Y + 160],
    Task_CloseEpisodeDeclined: [1650, Y + 160],
    End_PatientDeclined: [1790, Y + 160],
    Gateway_PlanCare: [1510, Y],
    CallActivity_CarePlanning: [1640, Y],
    Task_SuggestReferrals: [1790, Y],
    Task_ConfirmReferrals: [1940, Y],
    Gateway_ReferralsAndReviews: [2080, Y],

    SubProcess_TrackReferral: SP,
    StartEvent_ReferralToTrack: [SP.x + 50, SPY],
    Task_SendReferral: [SP.x + 160, SPY],
    Task_RecordReferralResponse: [SP.x + 310, SPY],
    Gateway_ReferralAccepted: [SP.x + 450, SPY],
    Task_RecordReferralOutcome: [SP.x + 590, SPY],
    End_ReferralCompleted: [SP.x + 730, SPY],
    End_ReferralDeclined: [SP.x + 590, SPY + 90],
    End_ReferralsTracked: [SP.x + SP.w + 70, SP.y + SP.h / 2],

    Gateway_MdtLoop: [2180, Y],
    Task_ScheduleMdtReview: [2300, Y],
    Gateway_AwaitMdtReview: [2430, Y],
    Timer_MdtReviewDue: [2530, Y],
    Event_HospitalEventReported: [2530, Y + 110],
    Event_MdtMeetingOutcome: [2530, Y + 215],
    Gateway_MdtDue: [2630, Y],
    CallActivity_MdtReview: [2760, Y],
    Gateway_CoordinatorTriggered: [2900, Y],
    Task_AppointCareCoordinator: [3030, Y + 160],
    Task_DecideFunding: [3180, Y + 160],
    Task_ScheduleCoordinatedCare: [3330, Y + 160],
    Gateway_CoordinationSettled: [3460, Y],
    Gateway_MdtOutcome: [3570, Y],
    Task_AgreeClosure: [3720, Y],
    Gateway_ClosureAgreed: [3860, Y],
    Task_CloseEpisode: [3990, Y],
    End_PathwayClosed: [4120, Y],

    TextAnnotation_CoordinatorTriggers: { annotation: true, x: 3040, y: Y - 160, w: 360, h: 84 },
    TextAnnotation_FundingAndScheduling: { annotation: true, x: 3130, y: Y + 232, w: 260, h: 44 },
    TextAnnotation_Closure: { annotation: true, x: 3690, y: Y - 170, w: 300, h: 58 },

    ...transfer(0, { esp: 'EventSubProcess_CoordinatorNotRightPerson', start: 'StartEvent_CoordinatorNotMostAppropriate', gw: 'Gateway_CoordinatorInPostA', task: 'Task_HandOverNotRightPerson', endOk: 'End_HandedOverNotRightPerson', endNone: 'End_NoCoordinatorNotRightPerson' }),
    ...transfer(1, { esp: 'EventSubProcess_CoordinatorChangeRequested', start: 'StartEvent_CoordinatorChangeRequested', gw: 'Gateway_CoordinatorInPostB', task: 'Task_HandOverOnRequest', endOk: 'End_HandedOverOnRequest', endNone: 'End_NoCoordinatorOnRequest' }),
    ...transfer(2, { esp: 'EventSubProcess_CoordinatorNoLongerInvolved', start: 'StartEvent_CoordinatorNoLongerInvolved', gw: 'Gateway_CoordinatorInPostC', task: 'Task_HandOverNoLongerInvolved', endOk: 'End_HandedOverNoLongerInvolved', endNone: 'End_NoCoordinatorNoLongerInvolved' }),
    ...closure(0, { esp: 'EventSubProcess_PatientDied', start: 'StartEvent_PatientDied', task: 'Task_CloseEpisodeDeceased', end: 'End_PatientDied' }),
    ...closure(1, { esp: 'EventSubProcess_PatientLeftPractice', start: 'StartEvent_PatientLeftPractice', task: 'Task_CloseEpisodeLeftPractice', end: 'End_PatientLeftPractice' }),
    ...closure(2, { esp: 'EventSubProcess_PatientDeclinedCare', start: 'StartEvent_PatientDeclinedCare', task: 'Task_CloseEpisodePatientDeclined', end: 'End_PatientDeclinedCare' })
  },

  labels: {
    Timer_InvitationReminderDue: { x: 1170, y: Y + 80 },
    Gateway_RemindersSent: 'bottom',
    Gateway_NextStep: { x: 1470, y: Y + 112 },
    Gateway_MdtOutcome: { x: 3522, y: Y - 40 },
    Gateway_CoordinatorTriggered: 'top-left',
    Gateway_CoordinatorInPostA: 'top',
    Gateway_CoordinatorInPostB: 'top',
    Gateway_CoordinatorInPostC: 'top',
    End_NoCoordinatorNotRightPerson: 'right',
    End_NoCoordinatorOnRequest: 'right',
    End_NoCoordinatorNoLongerInvolved: 'right'
  },

  edges: {
    Flow_PatientReferred: { route: 'hv' },
    Flow_NoResponseIn14Days: {},
    Flow_ReminderNeeded: { label: { x: 1044, y: Y + 148 } },
    Flow_RemindersExhausted: { label: { x: 1177, y: Y + 148 } },
    Flow_ReminderSent: {},
    Flow_InvitationAccepted: { label: { x: 1300, y: Y - 12 } },
    Flow_InvitationDeclined: { label: { x: 1268, y: Y + 70 } },
    Flow_Reinvite: { route: [[1510, Y + 280], [690, Y + 280]], label: { x: 1536, y: Y + 228 } },
    Flow_ProceedWithoutResponse: { label: { x: 1536, y: Y + 80 } },
    Flow_CloseAfterNoResponse: { label: { x: 1568, y: Y + 148 } },

    Flow_TrackReferrals: { route: [[2080, SP.y + SP.h / 2]] },
    Flow_ReferralAccepted: { label: { x: SP.x + 512, y: SPY - 12 } },
    Flow_ReferralDeclined: { route: 'vh', label: { x: SP.x + 478, y: SPY + 55 } },

    Flow_AwaitHospitalEvent: { route: 'vh' },
    Flow_ReviewBroughtForward: { route: 'hv' },
    Flow_AwaitMeetingOutcome: { route: 'vh' },
    Flow_ReviewedAtMeeting: { route: 'hv' },
    Flow_CoordinatorTriggered: { route: 'vh', label: { x: 2934, y: Y + 70 } },
    Flow_NoCoordinatorTrigger: { label: { x: 3180, y: Y - 12 } },
    Flow_CoordinatedCareScheduled: { route: 'hv' },
    Flow_ContinueReviews: { route: [[3570, Y + 330], [2180, Y + 330]], label: { x: 3600, y: Y + 60 } },
    Flow_UpdateCarePlan: { route: [[3570, Y - 380], [1510, Y - 380]], label: { x: 3614, y: Y - 70 }, labelWidth: 90 },
    Flow_ProposeClosure: { label: { x: 3626, y: Y - 26 }, labelWidth: 60 },
    Flow_ClosureAgreed: { label: { x: 3903, y: Y - 12 } },
    Flow_ClosureNotAgreed: { route: [[3860, Y + 370], [2180, Y + 370]], label: { x: 3898, y: Y + 60 } },

    Flow_CoordinatorInPostA: { label: { x: tx[0] + 250, y: ESP_TOP + 108 } },
    Flow_NoCoordinatorInPostA: { route: 'vh', label: { x: tx[0] + 218, y: ESP_TOP + 180 } },
    Flow_CoordinatorInPostB: { label: { x: tx[1] + 250, y: ESP_TOP + 108 } },
    Flow_NoCoordinatorInPostB: { route: 'vh', label: { x: tx[1] + 218, y: ESP_TOP + 180 } },
    Flow_CoordinatorInPostC: { label: { x: tx[2] + 250, y: ESP_TOP + 108 } },
    Flow_NoCoordinatorInPostC: { route: 'vh', label: { x: tx[2] + 218, y: ESP_TOP + 180 } },

    Association_CoordinatorTriggers: { waypoints: [[2912, Y - 13], [3040, Y - 118]] },
    Association_FundingAndScheduling: { waypoints: [[3180, Y + 200], [3180, Y + 232]] },
    Association_Closure: { waypoints: [[3740, Y - 40], [3740, Y - 112]] }
  }
};
