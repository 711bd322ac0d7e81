package org.coordinatedcare.notification;

import java.util.Date;
import java.util.List;

/**
 * What an e-mail about one task may say, taken from the task when it was created or assigned: its id (for the link),
 * name and due date, and who it is for. Nothing else of the task is kept, so nothing about the patient can reach a
 * message (the task's variables, its patient label and its process instance's business key are never read).
 *
 * @param userId the assignee the task is for, or null when it is offered to groups
 * @param groupIds the candidate groups it is offered to (empty when it is for a user)
 */
record TaskNotice(String taskId, String taskName, Date due, String userId, List<String> groupIds) {}
