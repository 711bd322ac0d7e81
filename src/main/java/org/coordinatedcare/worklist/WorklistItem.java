package org.coordinatedcare.worklist;

import java.util.Date;

/** One open task as the worklist shows it: what, for whom, by when, and where to open it in Tasklist. */
public record WorklistItem(
        String taskId,
        String name,
        String taskDefinitionKey,
        Date due,
        Date created,
        String assignee,
        String processInstanceId,
        String patientLabel,
        String tasklistLink) {

    static String tasklistLink(String taskId) {
        return "/camunda/app/tasklist/default/#/?task=" + taskId;
    }
}
