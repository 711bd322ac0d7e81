package org.coordinatedcare.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code coordinated-care.notification.*}: where the links in e-mails point and who the mail is from. The digest's
 * schedule is {@code coordinated-care.notification.digest-cron} (read by {@link OverdueDigest}).
 *
 * @param tasklistUrl Tasklist's address as users reach it, e.g. {@code https://pathway.example.nhs.uk/camunda/app/tasklist/default/}
 * @param from the sender address of every notification
 */
@ConfigurationProperties("coordinated-care.notification")
public record NotificationProperties(String tasklistUrl, String from) {

    public NotificationProperties {
        if (tasklistUrl == null || tasklistUrl.isBlank()) {
            tasklistUrl = "http://localhost:8080/camunda/app/tasklist/default/";
        }
        if (!tasklistUrl.endsWith("/")) {
            tasklistUrl = tasklistUrl + "/";
        }
        if (from == null || from.isBlank()) {
            from = "pathway-no-reply@localhost";
        }
    }

    /** The task in Tasklist: its list with the task opened. */
    String linkTo(String taskId) {
        return tasklistUrl + "#/?task=" + taskId;
    }
}
