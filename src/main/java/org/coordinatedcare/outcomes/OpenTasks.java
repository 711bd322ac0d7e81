package org.coordinatedcare.outcomes;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.coordinatedcare.outcomes.OutcomesScope.PracticeRow;
import org.coordinatedcare.team.ProfessionalRole;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Overdue open tasks of the practices, from the engine's public task query: tasks offered to a practice-scoped group
 * count for that group's role; tasks assigned to one person without a group (the named professional's and the
 * coordinator's own steps) count for that person's role in our staff directory. The engine is asked as the system,
 * since a manager holds no right to read tasks; the practices were checked before.
 */
@Component
class OpenTasks {

    static final String HOLD_MDT_REVIEW = "Task_HoldMdtReview";
    static final String CLINICAL_LEAD_LABEL = "Clinical lead";

    private final TaskService tasks;
    private final IdentityService identity;
    private final JdbcClient jdbc;

    OpenTasks(TaskService tasks, IdentityService identity, JdbcClient jdbc) {
        this.tasks = tasks;
        this.identity = identity;
        this.jdbc = jdbc;
    }

    record Overdue(Map<String, Integer> byRole, int mdtReviews) {}

    Overdue overdue(List<PracticeRow> practices) {
        if (practices.isEmpty()) {
            return new Overdue(Map.of(), 0);
        }
        return asSystem(() -> {
            Date now = new Date();
            Map<String, Integer> byRole = new LinkedHashMap<>();
            Map<String, List<String>> groupsByRole = new LinkedHashMap<>();
            for (ProfessionalRole role : ProfessionalRole.values()) {
                groupsByRole.put(role.label(), groupsAt(role.group(), practices));
            }
            groupsByRole.put(CLINICAL_LEAD_LABEL, groupsAt(ProfessionalRole.CLINICAL_LEAD_GROUP, practices));
            groupsByRole.forEach((label, groups) -> byRole.put(label, (int) tasks.createTaskQuery()
                    .taskCandidateGroupIn(groups)
                    .includeAssignedTasks()
                    .dueBefore(now)
                    .count()));
            Map<String, String> roleOfLogin = new LinkedHashMap<>();
            jdbc.sql("select login_id, role from professional where login_id is not null and practice_id in (:ids)")
                    .param("ids", practices.stream().map(PracticeRow::id).toList())
                    .query((rs, n) -> roleOfLogin.put(
                            rs.getString("login_id"),
                            ProfessionalRole.valueOf(rs.getString("role")).label()))
                    .list();
            int mdtReviews = 0;
            if (!roleOfLogin.isEmpty()) {
                List<Task> own = tasks.createTaskQuery()
                        .withoutCandidateGroups()
                        .taskAssigneeIn(roleOfLogin.keySet().toArray(String[]::new))
                        .dueBefore(now)
                        .list();
                for (Task task : own) {
                    byRole.merge(roleOfLogin.get(task.getAssignee()), 1, Integer::sum);
                    if (HOLD_MDT_REVIEW.equals(task.getTaskDefinitionKey())) {
                        mdtReviews++;
                    }
                }
            }
            return new Overdue(byRole, mdtReviews);
        });
    }

    private static List<String> groupsAt(String group, List<PracticeRow> practices) {
        List<String> groups = new ArrayList<>();
        for (PracticeRow practice : practices) {
            groups.add(group + "-" + practice.odsCode());
        }
        return groups;
    }

    private <T> T asSystem(Supplier<T> work) {
        Authentication user = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            return work.get();
        } finally {
            if (user != null) {
                identity.setAuthentication(user);
            }
        }
    }
}
