package org.coordinatedcare.mdtmeeting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.coordinatedcare.form.FormInput;
import org.coordinatedcare.form.FormInputException;
import org.coordinatedcare.mdtmeeting.MdtMeetings.Item;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The chair's preparation of the agenda: removals, each with a reason ({@code 3: seen at home last week}, one a line),
 * and the order to discuss the rest ({@code 4, 1}: those first, the others after them as listed). Agenda numbers are
 * those the form shows; a number not on the agenda is refused, naming the field.
 */
@Component("mdtAgendaPreparer")
public class AgendaPreparer implements TaskListener {

    private final MdtMeetings meetings;
    private final MeetingTaskScope scope;

    public AgendaPreparer(MdtMeetings meetings, MeetingTaskScope scope) {
        this.meetings = meetings;
        this.scope = scope;
    }

    @Override
    @Transactional
    public void notify(DelegateTask task) {
        FormInput input = FormInput.of(task);
        String removals =
                input.optionalText("agendaRemovals", "the removals", 2000).orElse("");
        String order = input.optionalText("agendaOrder", "the order", 200).orElse("");
        long meetingId = scope.meeting(task.getProcessInstanceId()).id();
        List<Item> agenda = meetings.agenda(meetingId).stream()
                .filter(item -> "LISTED".equals(item.status()))
                .toList();
        Map<Integer, Item> byNumber = new LinkedHashMap<>();
        for (int i = 0; i < agenda.size(); i++) {
            byNumber.put(i + 1, agenda.get(i));
        }
        Map<Integer, String> removed = new LinkedHashMap<>();
        for (String line : removals.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            Integer number = colon < 0 ? null : number(line.substring(0, colon), byNumber, "agendaRemovals");
            String reason = colon < 0 ? "" : line.substring(colon + 1).strip();
            if (number == null || reason.isEmpty()) {
                throw new FormInputException(
                        "agendaRemovals",
                        "Write each removal as its agenda number, a colon and the reason: '" + line.strip() + "'.");
            }
            removed.put(number, reason.length() > 500 ? reason.substring(0, 500) : reason);
        }
        List<Integer> first = new ArrayList<>();
        for (String part : order.split("[,\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            Integer number = number(part, byNumber, "agendaOrder");
            if (first.contains(number) || removed.containsKey(number)) {
                throw new FormInputException(
                        "agendaOrder", "Agenda number " + number + " is listed twice or also removed.");
            }
            first.add(number);
        }
        removed.forEach((number, reason) -> meetings.remove(byNumber.get(number).id(), reason));
        List<Integer> sequence = new ArrayList<>(first);
        byNumber.keySet().stream()
                .filter(n -> !first.contains(n) && !removed.containsKey(n))
                .forEach(sequence::add);
        for (int i = 0; i < sequence.size(); i++) {
            meetings.reposition(byNumber.get(sequence.get(i)).id(), i + 1);
        }
        meetings.prepared(meetingId);
        input.forget("agendaRemovals", "agendaOrder");
    }

    private static Integer number(String text, Map<Integer, Item> byNumber, String field) {
        try {
            int number = Integer.parseInt(text.strip());
            if (byNumber.containsKey(number)) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new FormInputException(field, "'" + text.strip() + "' is not a number on this agenda.");
    }
}
