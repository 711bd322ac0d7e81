package org.coordinatedcare.mdtmeeting;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.coordinatedcare.audit.AuditAction;
import org.coordinatedcare.audit.AuditTrail;
import org.coordinatedcare.form.CurrentUser;
import org.coordinatedcare.form.FormInput;
import org.coordinatedcare.form.FormInputException;
import org.coordinatedcare.mdtmeeting.MdtMeetings.Attendee;
import org.coordinatedcare.mdtmeeting.MdtMeetings.Item;
import org.coordinatedcare.mdtmeeting.MdtMeetings.Meeting;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records the meeting's date, its chair and who attends, one a line as {@code name, agency}. From here the attending
 * professionals see the agenda's patients, so each patient's audit trail records that access, naming the meeting and
 * its attendees.
 */
@Component("mdtMeetingOpener")
public class MeetingOpener implements TaskListener {

    /** The agencies of a neighbourhood MDT (seeds: the micro-team of the practice and the macro-team). */
    static final Map<String, String> AGENCIES = Map.of(
            "practice", "Practice",
            "community nursing", "Community nursing",
            "social care", "Social care",
            "mental health", "Mental health",
            "voluntary sector", "Voluntary sector",
            "pharmacy", "Pharmacy");

    private final MdtMeetings meetings;
    private final MeetingTaskScope scope;
    private final AuditTrail audit;
    private final CurrentUser currentUser;

    public MeetingOpener(MdtMeetings meetings, MeetingTaskScope scope, AuditTrail audit, CurrentUser currentUser) {
        this.meetings = meetings;
        this.scope = scope;
        this.audit = audit;
        this.currentUser = currentUser;
    }

    @Override
    @Transactional
    public void notify(DelegateTask task) {
        FormInput input = FormInput.of(task);
        LocalDate heldOn = input.requiredDate("meetingDate", "the date of the meeting");
        if (heldOn.isAfter(LocalDate.now())) {
            throw new FormInputException("meetingDate", "The meeting date cannot be in the future.");
        }
        String text = input.requiredText("attendees", "who attends", 2000);
        List<Attendee> attendees = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int comma = line.lastIndexOf(',');
            String name = comma < 0 ? "" : line.substring(0, comma).strip();
            String agency = comma < 0
                    ? null
                    : AGENCIES.get(line.substring(comma + 1).strip().toLowerCase(Locale.ROOT));
            if (name.isEmpty() || name.length() > 200 || agency == null) {
                throw new FormInputException(
                        "attendees",
                        "Write each attendee as their name, a comma and their agency (one of "
                                + String.join(
                                        ", ",
                                        AGENCIES.values().stream().sorted().toList()) + "): '"
                                + line.strip() + "'.");
            }
            attendees.add(new Attendee(name, agency));
        }
        Meeting meeting = scope.meeting(task.getProcessInstanceId());
        String chair = currentUser.of(task);
        meetings.opened(meeting.id(), heldOn, chair, attendees);
        String who =
                attendees.stream().map(a -> a.name() + " (" + a.agency() + ")").collect(Collectors.joining(", "));
        for (Item item : meetings.agenda(meeting.id())) {
            if ("LISTED".equals(item.status())) {
                audit.record(
                        item.episodeId(),
                        chair,
                        AuditAction.MDT_MEETING_ACCESS,
                        "On the agenda of the " + meeting.neighbourhood() + " neighbourhood MDT meeting " + meeting.id()
                                + " on " + heldOn + ", seen by its attendees: " + who);
            }
        }
        input.forget("meetingDate", "attendees");
    }
}
