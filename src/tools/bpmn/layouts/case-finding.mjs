// Layout of processes/case-finding.bpmn (see ../layout.mjs).
// Two starts merge, candidates are found, then one expanded sub-process per practice (multi-instance), which loops
// over the pages of the practice's list.
const Y = 200;
const SP = { x: 470, y: Y - 100, w: 760, h: 200 }; // SubProcess_ReviewPracticeList
export default {
  shapes: {
    StartEvent_MonthlySchedule: [170, Y - 70],
    StartEvent_RunRequested: [170, Y + 70],
    Gateway_RunStarted: [260, Y],
    Task_FindCandidates: [370, Y],
    SubProcess_ReviewPracticeList: SP,
    StartEvent_PracticeListReady: [SP.x + 60, Y],
    Gateway_NextPage: [SP.x + 140, Y],
    Task_ReviewCaseFindingList: [SP.x + 250, Y],
    Task_StartPathway: [SP.x + 420, Y],
    Gateway_MorePatientsToReview: [SP.x + 570, Y],
    End_PracticeListReviewed: [SP.x + 680, Y],
    Task_CompleteRun: [1330, Y],
    End_RunCompleted: [1460, Y]
  },
  labels: {
    Gateway_MorePatientsToReview: 'bottom'
  },
  edges: {
    Flow_ScheduledRun: { route: 'hv' },
    Flow_RequestedRun: { route: 'hv' },
    // the loop to the next page runs along the sub-process's top
    Flow_MorePatientsToReview: { route: [[SP.x + 570, Y - 70], [SP.x + 140, Y - 70]], label: { x: SP.x + 585, y: Y - 50 } },
    Flow_PracticeListDone: { label: { x: SP.x + 620, y: Y - 12 } }
  }
};
