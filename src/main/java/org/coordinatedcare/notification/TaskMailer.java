package org.coordinatedcare.notification;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Writes and sends the e-mails, one per recipient (so nobody sees a colleague's address), from one background thread:
 * a slow or absent mail server never holds up the clinician whose completion created the task, and notices go out in
 * the order their transactions committed. A failure is logged, never thrown: the task is in Tasklist either way.
 * Without a configured mail server ({@code spring.mail.host}, or the embedded demo server) nothing is sent.
 */
@Component
public class TaskMailer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TaskMailer.class);
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);

    private final ObjectProvider<JavaMailSender> sender;
    private final IdentityService identity;
    private final NotificationProperties properties;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "task-mail");
        t.setDaemon(true);
        return t;
    });

    public TaskMailer(
            ObjectProvider<JavaMailSender> sender, IdentityService identity, NotificationProperties properties) {
        this.sender = sender;
        this.identity = identity;
        this.properties = properties;
    }

    /** Sends each notice's e-mails in the background; recipients are looked up then, as the system. */
    void send(List<TaskNotice> notices) {
        if (notices.isEmpty() || !enabled()) {
            return;
        }
        try {
            thread.execute(() -> notices.forEach(this::sendNow));
        } catch (RejectedExecutionException e) {
            log.warn("Task e-mails not sent: the mail thread has stopped");
        }
    }

    private void sendNow(TaskNotice notice) {
        try {
            Set<String> addresses = new LinkedHashSet<>();
            if (notice.userId() != null) {
                addresses.addAll(emails(
                        identity.createUserQuery().userId(notice.userId()).list()));
            }
            for (String group : notice.groupIds()) {
                addresses.addAll(
                        emails(identity.createUserQuery().memberOfGroup(group).list()));
            }
            String subject = notice.userId() != null
                    ? "A task is assigned to you: " + notice.taskName()
                    : "A task is waiting for your team: " + notice.taskName();
            String body = (notice.userId() != null
                            ? "A task in the coordinated-care pathway has been assigned to you.\n\n"
                            : "A task in the coordinated-care pathway is waiting for your team; claim it in Tasklist"
                                    + " if it is yours to do.\n\n")
                    + line(notice.taskName(), notice.due(), notice.taskId())
                    + "\nOpen Tasklist and log in to see whose care it concerns.\n";
            for (String address : addresses) {
                mail(address, subject, body);
            }
        } catch (RuntimeException e) {
            log.warn("Task e-mail for task {} not sent: {}", notice.taskId(), e.toString());
        }
    }

    /** One task as the mails show it: name, due date and link, nothing about the patient. */
    String line(String taskName, Date due, String taskId) {
        return "Task: " + taskName + "\n"
                + "Due: "
                + (due == null ? "no due date" : DAY.format(due.toInstant().atZone(ZoneId.systemDefault())))
                + "\n" + "Open it: " + properties.linkTo(taskId) + "\n";
    }

    /** Sends one message now, on the caller's thread; false (and logged) when it could not be sent. */
    boolean mail(String to, String subject, String body) {
        JavaMailSender mailSender = sender.getIfAvailable();
        if (mailSender == null) {
            return false;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.from());
        message.setTo(to);
        message.setSubject(subject);
        message.setText(body);
        try {
            mailSender.send(message);
            return true;
        } catch (MailException e) {
            log.warn("E-mail to {} not sent: {}", to, e.toString());
            return false;
        }
    }

    boolean enabled() {
        return sender.getIfAvailable() != null;
    }

    static List<String> emails(Collection<User> users) {
        return users.stream()
                .map(User::getEmail)
                .filter(Objects::nonNull)
                .filter(e -> !e.isBlank())
                .toList();
    }

    @Override
    public void destroy() {
        thread.shutdown();
    }
}
