// Layout of processes/care-planning.bpmn (centres of flow nodes; see ../layout.mjs).
const Y = 120;
export default {
  shapes: {
    StartEvent_CarePlanningStarted: [170, Y],
    Task_HolisticAssessment: [290, Y],
    Task_HoldCarePlanningMeeting: [450, Y],
    Task_ShareCarePlan: [610, Y],
    End_CarePlanShared: [740, Y]
  },
  edges: {}
};
