// Layout of processes/mdt-review.bpmn (centres of flow nodes; see ../layout.mjs).
const Y = 120;
export default {
  shapes: {
    StartEvent_MdtReviewDue: [170, Y],
    Task_PrepareMdtReview: [290, Y],
    Task_HoldMdtReview: [450, Y],
    Task_EvaluateCoordinatorTriggers: [610, Y],
    Task_RecordCoordinatorTrigger: [770, Y],
    End_MdtReviewHeld: [900, Y]
  },
  edges: {}
};
