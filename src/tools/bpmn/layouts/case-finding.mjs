// Layout of processes/case-finding.bpmn (see ../layout.mjs).
// Two starts merge, candidates are found, then one expanded sub-process per practice (multi-instance).
const Y = 200;
const SP = { x: 470, y: Y - 100, w: 560, h: 200 }; // SubProcess_ReviewPracticeList
export default {
  shapes: {
    StartEvent_MonthlySchedule: [170, Y - 70],
    StartEvent_RunRequested: [170, Y + 70],
    Gateway_RunStarted: [260, Y],
    Task_FindCandidates: [370, Y],
    SubProcess_ReviewPracticeList: SP,
    StartEvent_PracticeListReady: [SP.x + 60, Y],
    Task_ReviewCaseFindingList: [SP.x + 180, Y],
    Task_StartPathway: [SP.x + 360, Y],
    End_PracticeListReviewed: [SP.x + 500, Y],
    Task_CompleteRun: [1130, Y],
    End_RunCompleted: [1260, Y]
  },
  edges: {
    Flow_ScheduledRun: { route: 'hv' },
    Flow_RequestedRun: { route: 'hv' }
  }
};
