// Layout of processes/mdt-review.bpmn (centres of flow nodes; see ../layout.mjs).
// The review held here runs along row Y; the outcome of a neighbourhood MDT meeting comes in on the row below.
const Y = 120;
const M = Y + 150;
export default {
  shapes: {
    StartEvent_MdtReviewDue: [170, Y],
    Task_PrepareMdtReview: [290, Y],
    Gateway_ReviewedAtMeeting: [420, Y],
    Task_HoldMdtReview: [560, Y],
    Event_MeetingOutcomeArrived: [580, Y + 40],
    Gateway_MeetingOutcome: [580, M],
    Task_RecordMeetingOutcome: [700, M],
    Gateway_ReviewRecorded: [830, Y],
    Task_EvaluateCoordinatorTriggers: [970, Y],
    Task_RecordCoordinatorTrigger: [1130, Y],
    End_MdtReviewHeld: [1260, Y]
  },
  labels: {
    Gateway_ReviewedAtMeeting: 'top',
    Event_MeetingOutcomeArrived: { x: 650, y: Y + 75 }
  },
  edges: {
    Flow_ReviewHere: { label: { x: 470, y: Y - 12 } },
    Flow_MeetingOutcomeWaiting: { route: 'vh', label: { x: 435, y: M - 30 } },
    Flow_MeetingOutcomeArrived: {},
    Flow_MeetingOutcomeRecorded: { route: 'hv' }
  }
};
