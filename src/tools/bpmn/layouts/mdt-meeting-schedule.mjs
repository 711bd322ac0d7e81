// Layout of processes/mdt-meeting-schedule.bpmn (centres of flow nodes; see ../layout.mjs).
const Y = 120;
export default {
  shapes: {
    StartEvent_MeetingsDue: [170, Y],
    CallActivity_NeighbourhoodMeeting: [310, Y],
    End_MeetingsHeld: [450, Y]
  },
  edges: {}
};
