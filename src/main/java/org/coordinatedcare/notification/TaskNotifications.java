package org.coordinatedcare.notification;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.coordinatedcare.form.UserTaskHooks;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Every user task of every diagram tells its people when it becomes theirs, without the process owner drawing it: on
 * {@code create} the assignee, or else the members of its candidate groups; on {@code assignment} the new assignee,
 * unless they took it themselves. The notices of one transaction are collected and handed to {@link TaskMailer} only
 * after it commits, once each (a task created with its assignee fires both events), so a rolled-back completion or
 * assignment mails nobody.
 */
@Component
public class TaskNotifications extends AbstractProcessEnginePlugin {

    private final ObjectProvider<TaskMailer> mailer;

    public TaskNotifications(ObjectProvider<TaskMailer> mailer) {
        this.mailer = mailer;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        UserTaskHooks.onEveryUserTask(configuration, task -> {
            task.addTaskListener(TaskListener.EVENTNAME_CREATE, this::created);
            task.addTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, this::assigned);
        });
    }

    void created(DelegateTask task) {
        if (!mailer.getObject().enabled()) {
            return; // mail is off: no notice to gather on every task's creation
        }
        if (task.getAssignee() != null) {
            assigned(task);
            return;
        }
        List<String> groups = task.getCandidates().stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
                .map(IdentityLink::getGroupId)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        task.getCandidates().stream()
                .filter(link -> link.getUserId() != null)
                .forEach(link -> queue(notice(task, link.getUserId(), List.of())));
        if (!groups.isEmpty()) {
            queue(notice(task, null, groups));
        }
    }

    void assigned(DelegateTask task) {
        if (!mailer.getObject().enabled()) {
            return;
        }
        String assignee = task.getAssignee();
        if (assignee != null && !assignee.equals(actingUser())) {
            queue(notice(task, assignee, List.of()));
        }
    }

    private static TaskNotice notice(DelegateTask task, String userId, List<String> groups) {
        return new TaskNotice(task.getId(), task.getName(), task.getDueDate(), userId, groups);
    }

    /** Who is acting in this command: someone who claims a task needs no e-mail about it. */
    private static String actingUser() {
        if (Context.getCommandContext() == null) {
            return null;
        }
        Authentication authentication = Context.getCommandContext().getAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }

    private void queue(TaskNotice notice) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            // the engine always runs in a Spring transaction here; without one there is no commit to wait for
            mailer.getObject().send(List.of(notice));
            return;
        }
        PendingNotices pending = TransactionSynchronizationManager.getSynchronizations().stream()
                .filter(PendingNotices.class::isInstance)
                .map(PendingNotices.class::cast)
                .findFirst()
                .orElseGet(() -> {
                    PendingNotices created = new PendingNotices();
                    TransactionSynchronizationManager.registerSynchronization(created);
                    return created;
                });
        pending.notices.add(notice);
    }

    /** This transaction's notices; a nested transaction of its own has its own (synchronizations are per transaction). */
    private final class PendingNotices implements TransactionSynchronization {

        private final Set<TaskNotice> notices = new LinkedHashSet<>();

        @Override
        public void afterCommit() {
            mailer.getObject().send(List.copyOf(notices));
        }
    }
}
