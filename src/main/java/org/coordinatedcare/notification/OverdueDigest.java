package org.coordinatedcare.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Once a day, each user with an e-mail address gets the list of their overdue tasks: those assigned to them and the
 * unclaimed ones offered to their groups. Cluster-safe: every node's scheduler fires, and the node that first inserts
 * the day's row into {@code notification_digest_run} (primary key: the day) sends it; the others' inserts fail on the
 * key and they send nothing. A node that dies after claiming the day leaves that day's digest unsent (tasks stay in
 * Tasklist's "Overdue" filter); the next day's digest lists them again.
 */
@Component
public class OverdueDigest {

    private static final Logger log = LoggerFactory.getLogger(OverdueDigest.class);
    private static final int PAGE = 500;

    private final TaskService tasks;
    private final IdentityService identity;
    private final JdbcClient jdbc;
    private final TaskMailer mailer;
    private final Clock clock = Clock.systemDefaultZone();

    public OverdueDigest(TaskService tasks, IdentityService identity, JdbcClient jdbc, TaskMailer mailer) {
        this.tasks = tasks;
        this.identity = identity;
        this.jdbc = jdbc;
        this.mailer = mailer;
    }

    /** The schedule is {@code coordinated-care.notification.digest-cron} (Spring cron; default 07:00 every day). */
    @Scheduled(cron = "${coordinated-care.notification.digest-cron:0 0 7 * * *}")
    void daily() {
        if (!mailer.enabled()) {
            return;
        }
        if (claim(LocalDate.now(clock), hostName())) {
            int sent = send(Instant.now(clock));
            log.info("Overdue-task digest sent to {} users", sent);
        }
    }

    /** True for the one node whose insert of the day's row commits first; false for every other try. */
    boolean claim(LocalDate day, String node) {
        try {
            jdbc.sql("insert into notification_digest_run (digest_day, node, claimed_at) values (?, ?, ?)")
                    .params(day, node, java.sql.Timestamp.from(Instant.now(clock)))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Sends every user their overdue tasks as of {@code now}; answers how many users were mailed. */
    int send(Instant now) {
        Map<String, List<Task>> byUser = new LinkedHashMap<>();
        Map<String, List<String>> groupMembers = new LinkedHashMap<>();
        Date cutoff = Date.from(now);
        for (int first = 0; ; first += PAGE) {
            List<Task> page = tasks.createTaskQuery()
                    .dueBefore(cutoff)
                    .orderByDueDate()
                    .asc()
                    .orderByTaskId()
                    .asc()
                    .listPage(first, PAGE);
            for (Task task : page) {
                if (task.getAssignee() != null) {
                    byUser.computeIfAbsent(task.getAssignee(), u -> new ArrayList<>())
                            .add(task);
                    continue;
                }
                for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
                    if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
                        continue;
                    }
                    List<String> users = link.getUserId() != null
                            ? List.of(link.getUserId())
                            : groupMembers.computeIfAbsent(
                                    link.getGroupId(),
                                    g -> identity.createUserQuery().memberOfGroup(g).list().stream()
                                            .map(User::getId)
                                            .toList());
                    for (String user : users) {
                        List<Task> list = byUser.computeIfAbsent(user, u -> new ArrayList<>());
                        if (!list.contains(task)) {
                            list.add(task);
                        }
                    }
                }
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        int sent = 0;
        for (Map.Entry<String, List<Task>> entry : byUser.entrySet()) {
            List<String> addresses = TaskMailer.emails(
                    identity.createUserQuery().userId(entry.getKey()).list());
            if (addresses.isEmpty()) {
                continue;
            }
            List<Task> overdue = entry.getValue();
            StringBuilder body = new StringBuilder("You have " + overdue.size() + " overdue "
                    + (overdue.size() == 1 ? "task" : "tasks")
                    + " in the coordinated-care pathway (assigned to you, or waiting unclaimed for your team):\n\n");
            overdue.forEach(t -> body.append(mailer.line(t.getName(), t.getDueDate(), t.getId()))
                    .append('\n'));
            body.append("Open Tasklist and log in to see whose care each concerns.\n");
            boolean any = false;
            for (String address : addresses) {
                any |= mailer.mail(address, "Your overdue tasks: " + overdue.size(), body.toString());
            }
            sent += any ? 1 : 0;
        }
        return sent;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
