package org.coordinatedcare.mdtmeeting;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.coordinatedcare.form.FormInputException;
import org.coordinatedcare.mdtmeeting.MdtMeetings.Item;
import org.coordinatedcare.mdtmeeting.MdtMeetings.Meeting;
import org.springframework.stereotype.Component;

/**
 * Finds a meeting task's meeting from its process instance and the agenda item it discusses from the loop, and
 * refuses an item of another meeting, or one already discussed or removed (ADR 0017): whose record is written is the
 * server's decision, never the form's.
 */
@Component
public class MeetingTaskScope {

    private final MdtMeetings meetings;

    public MeetingTaskScope(MdtMeetings meetings) {
        this.meetings = meetings;
    }

    public Meeting meeting(String processInstanceId) {
        return meetings.byProcessInstance(processInstanceId)
                .orElseThrow(() -> new IllegalStateException("No MDT meeting is bound to " + processInstanceId));
    }

    /** The agenda item this "Discuss" task is for: on this meeting's agenda and not yet discussed. */
    public Item item(VariableScope scope, String processInstanceId) {
        Meeting meeting = meeting(processInstanceId);
        Object value = scope.getVariable("agendaItemId");
        Item item = value instanceof Number n ? meetings.item(n.longValue()).orElse(null) : null;
        if (item == null || item.meetingId() == null || item.meetingId() != meeting.id()) {
            throw new FormInputException("agendaItemId", "This person is not on this meeting's agenda.");
        }
        if (!"LISTED".equals(item.status())) {
            throw new FormInputException("agendaItemId", "This person has already been discussed or removed.");
        }
        return item;
    }
}
