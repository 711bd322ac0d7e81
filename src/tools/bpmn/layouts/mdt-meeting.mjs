// Layout of processes/mdt-meeting.bpmn (centres of flow nodes; see ../layout.mjs): one row, left to right.
const Y = 120;
export default {
  shapes: {
    StartEvent_MeetingCalled: [170, Y],
    Task_BuildAgenda: [290, Y],
    Task_PrepareAgenda: [450, Y],
    Task_OpenMeeting: [610, Y],
    Task_DiscussPatient: [770, Y],
    Task_CloseMeeting: [935, Y],
    End_MeetingClosed: [1070, Y]
  },
  edges: {}
};
