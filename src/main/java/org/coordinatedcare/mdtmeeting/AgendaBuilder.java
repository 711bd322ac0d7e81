package org.coordinatedcare.mdtmeeting;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.coordinatedcare.mdtmeeting.MdtMeetings.Item;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens the meeting for its neighbourhood and lists its agenda: first the people the last meeting did not reach, then
 * those clinicians added with a reason, then every active pathway of the neighbourhood's practices whose MDT review
 * falls due before the next meeting. A review is due when the pathway's review timer ({@code Timer_MdtReviewDue},
 * set from {@code mdt-review-interval.dmn}) falls before the horizon, or when the review is already open because it
 * fell due or a hospital event brought it forward.
 */
@Component("mdtAgendaBuilder")
public class AgendaBuilder implements JavaDelegate {

    static final String REVIEW_TIMER = "Timer_MdtReviewDue";
    static final String REVIEW_TASK = "Task_HoldMdtReview";

    private final MdtMeetings meetings;
    private final JdbcClient jdbc;
    private final ManagementService management;
    private final TaskService tasks;

    public AgendaBuilder(MdtMeetings meetings, JdbcClient jdbc, ManagementService management, TaskService tasks) {
        this.meetings = meetings;
        this.jdbc = jdbc;
        this.management = management;
        this.tasks = tasks;
    }

    @Override
    @Transactional
    public void execute(DelegateExecution execution) {
        String neighbourhood = String.valueOf(execution.getVariable("neighbourhood"));
        if (!meetings.neighbourhoods().contains(neighbourhood)) {
            throw new IllegalStateException("No practice is in the neighbourhood '" + neighbourhood + "'");
        }
        Period horizon;
        try {
            horizon = Period.parse(String.valueOf(execution.getVariable("agendaHorizon")));
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(
                    "The agenda horizon of " + execution.getCurrentActivityId() + " must be a period such as P1M", e);
        }
        LocalDate until = LocalDate.now().plus(horizon);
        Object calledBy = execution.getVariable("calledBy");
        long meetingId = meetings.open(
                neighbourhood, execution.getProcessInstanceId(), until, calledBy == null ? null : calledBy.toString());
        execution.setVariable("mdtGroup", MdtMeetings.groupOf(neighbourhood));

        Set<Long> listed = new LinkedHashSet<>();
        int position = 0;
        for (Item carried : meetings.waiting(neighbourhood, "CARRIED_OVER")) {
            meetings.setStatus(carried.id(), "RELISTED");
            if (active(carried.episodeId()) && listed.add(carried.episodeId())) {
                meetings.list(
                        meetingId,
                        carried.episodeId(),
                        neighbourhood,
                        ++position,
                        "CARRIED_OVER",
                        "Not reached at the last meeting" + (carried.reason() == null ? "" : ": " + carried.reason()),
                        carried.reviewDueOn(),
                        null);
            }
        }
        for (Item added : meetings.waiting(neighbourhood, "PENDING")) {
            if (active(added.episodeId()) && listed.add(added.episodeId())) {
                meetings.adopt(added.id(), meetingId, ++position);
            } else {
                meetings.remove(added.id(), "Already on the agenda, or the pathway has ended");
            }
        }
        Map<String, Long> episodeByPathway = new HashMap<>();
        jdbc.sql("""
                        select e.id, e.process_instance_id from episode e join practice p on p.id = e.practice_id
                        where p.neighbourhood = ? and e.status = 'ACTIVE' and e.process_instance_id is not null""")
                .param(neighbourhood)
                .query((row, i) -> episodeByPathway.put(row.getString(2), row.getLong(1)))
                .list();
        Map<Long, LocalDate> due = new HashMap<>();
        java.util.Date before = java.util.Date.from(
                until.plusDays(1).atStartOfDay(ZoneId.systemDefault()).toInstant());
        for (Job timer : management
                .createJobQuery()
                .activityId(REVIEW_TIMER)
                .duedateLowerThan(before)
                .list()) {
            Long episode = episodeByPathway.get(timer.getProcessInstanceId());
            if (episode != null) {
                due.put(
                        episode,
                        timer.getDuedate()
                                .toInstant()
                                .atZone(ZoneId.systemDefault())
                                .toLocalDate());
            }
        }
        for (Task open : tasks.createTaskQuery().taskDefinitionKey(REVIEW_TASK).list()) {
            Long episode = episodeByPathway.get(rootOf(open.getProcessInstanceId()));
            if (episode != null) {
                due.put(episode, LocalDate.now());
            }
        }
        List<Map.Entry<Long, LocalDate>> byDate = due.entrySet().stream()
                .sorted(Map.Entry.<Long, LocalDate>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        for (Map.Entry<Long, LocalDate> entry : byDate) {
            if (listed.add(entry.getKey())) {
                meetings.list(
                        meetingId,
                        entry.getKey(),
                        neighbourhood,
                        ++position,
                        "REVIEW_DUE",
                        null,
                        entry.getValue(),
                        null);
            }
        }
    }

    private boolean active(long episodeId) {
        return jdbc.sql("select count(*) from episode where id = ? and status = 'ACTIVE'")
                        .param(episodeId)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /** The pathway (root process instance) a called MDT review belongs to. */
    private String rootOf(String processInstanceId) {
        return jdbc.sql("select root_proc_inst_id_ from act_ru_execution where id_ = ?")
                .param(processInstanceId)
                .query(String.class)
                .optional()
                .orElse(processInstanceId);
    }
}
