/**
 * Telling people when work is theirs: an e-mail when a task is assigned to them or offered to their group, and a daily
 * digest of their overdue tasks (ADR 0027). Mail carries no patient-identifiable data: the task's name, due date and a
 * link to it in Tasklist. Off unless a mail server is configured ({@code spring.mail.host}, or the embedded demo server).
 */
@ApplicationModule(allowedDependencies = {"form"})
package org.coordinatedcare.notification;

import org.springframework.modulith.ApplicationModule;
