package org.coordinatedcare.mdtmeeting;

import static org.coordinatedcare.document.PatientDocuments.escape;
import static org.coordinatedcare.document.PatientDocuments.paragraphs;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.coordinatedcare.document.PatientDocuments;
import org.coordinatedcare.mdtmeeting.MdtMeetings.Action;
import org.coordinatedcare.mdtmeeting.MdtMeetings.Attendee;
import org.coordinatedcare.mdtmeeting.MdtMeetings.Item;
import org.coordinatedcare.mdtmeeting.MdtMeetings.Meeting;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Carries everyone the meeting did not reach over to the next one and writes the minutes as an XHTML page (the
 * document package lays it out as PDF on request): attendees, and each person's outcome and actions, removals with
 * their reasons, and who carries over.
 */
@Component("mdtMeetingCloser")
public class MeetingCloser implements JavaDelegate {

    static final Map<String, String> OUTCOME = Map.of(
            "continue", "Continue with regular reviews",
            "updatePlan", "Update the care and support plan",
            "appointCoordinator", "Appoint a care coordinator",
            "proposeClosure", "Propose closure: needs stable, care planning functioning well");

    private final MdtMeetings meetings;
    private final MeetingTaskScope scope;

    public MeetingCloser(MdtMeetings meetings, MeetingTaskScope scope) {
        this.meetings = meetings;
        this.scope = scope;
    }

    @Override
    @Transactional
    public void execute(DelegateExecution execution) {
        Meeting meeting = scope.meeting(execution.getProcessInstanceId());
        for (Item item : meetings.agenda(meeting.id())) {
            if ("LISTED".equals(item.status())) {
                meetings.setStatus(item.id(), "CARRIED_OVER");
            }
        }
        meetings.closed(
                meeting.id(), minutes(meeting, meetings.agenda(meeting.id()), meetings.attendees(meeting.id())));
    }

    String minutes(Meeting meeting, List<Item> agenda, List<Attendee> attendees) {
        String title = "Minutes of the " + meeting.neighbourhood() + " neighbourhood MDT meeting";
        StringBuilder body = new StringBuilder();
        LocalDate held = meeting.heldOn() == null ? LocalDate.now() : meeting.heldOn();
        body.append("<p>Held on ")
                .append(escape(PatientDocuments.date(held)))
                .append(", chaired by ")
                .append(escape(String.valueOf(meeting.chair())))
                .append(".</p>\n<h2>Attendees</h2>\n<ul>\n");
        for (Attendee attendee : attendees) {
            body.append("<li>")
                    .append(escape(attendee.name()))
                    .append(", ")
                    .append(escape(attendee.agency()))
                    .append("</li>\n");
        }
        body.append("</ul>\n<h2>People discussed</h2>\n");
        int n = 0;
        for (Item item : agenda) {
            if (!"DISCUSSED".equals(item.status())) {
                continue;
            }
            body.append("<h3>")
                    .append(++n)
                    .append(". ")
                    .append(escape(item.patientName()))
                    .append(item.nhsNumber() == null ? "" : ", NHS number " + escape(item.nhsNumber()))
                    .append(" (")
                    .append(escape(item.practiceName()))
                    .append(")</h3>\n<p>Outcome: ")
                    .append(escape(OUTCOME.getOrDefault(item.outcome(), item.outcome())))
                    .append(". Needs ")
                    .append(escape(String.valueOf(item.needTrend())))
                    .append(".</p>\n");
            if (item.notes() != null) {
                body.append("<p>").append(paragraphs(item.notes())).append("</p>\n");
            }
            List<Action> actions = meetings.actions(item.id());
            if (!actions.isEmpty()) {
                body.append("<ul>\n");
                for (Action action : actions) {
                    body.append("<li>")
                            .append(escape(action.description()))
                            .append(": ")
                            .append(escape(action.owner()))
                            .append("</li>\n");
                }
                body.append("</ul>\n");
            }
        }
        section(body, "Not reached: carried over to the next meeting", agenda, "CARRIED_OVER", false);
        section(body, "Removed from the agenda", agenda, "REMOVED", true);
        return """
                <!DOCTYPE html>
                <html xmlns="http://www.w3.org/1999/xhtml" lang="en-GB" xml:lang="en-GB"><head><meta charset="utf-8" />
                <title>%s</title>
                <style>%s</style></head>
                <body><header><strong>%s neighbourhood</strong><br />%s</header>
                <h1>%s</h1>
                %s</body></html>
                """.formatted(
                        escape(title),
                        PatientDocuments.LARGE_PRINT,
                        escape(meeting.neighbourhood()),
                        escape(PatientDocuments.date(held)),
                        escape(title),
                        body);
    }

    private void section(StringBuilder body, String heading, List<Item> agenda, String status, boolean reasons) {
        List<Item> items =
                agenda.stream().filter(item -> status.equals(item.status())).toList();
        if (items.isEmpty()) {
            return;
        }
        body.append("<h2>").append(escape(heading)).append("</h2>\n<ul>\n");
        for (Item item : items) {
            body.append("<li>")
                    .append(escape(item.patientName()))
                    .append(" (")
                    .append(escape(item.practiceName()))
                    .append(")");
            if (reasons) {
                meetings.removalReason(item.id())
                        .ifPresent(r -> body.append(": ").append(escape(r)));
            }
            body.append("</li>\n");
        }
        body.append("</ul>\n");
    }
}
