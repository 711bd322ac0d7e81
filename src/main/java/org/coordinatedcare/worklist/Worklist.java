package org.coordinatedcare.worklist;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.NativeTaskQuery;
import org.camunda.bpm.engine.task.Task;
import org.coordinatedcare.form.PathwayVariables;
import org.coordinatedcare.security.Roles;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The logged-in clinician's open work: unclaimed tasks of their own practice's candidate groups and tasks assigned to
 * them, soonest due first: a native task query for exactly what Camunda's authorizations grant the user on tasks (see
 * {@link #openWork} and {@link #withoutAuthorizationJoin}); the patient labels of the page come in one variable query.
 */
@Component
public class Worklist {

    public static final int MAX_SIZE = 100;
    public static final int DEFAULT_SIZE = 15;

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final IdentityService identity;
    private final String taskTable;
    private final String linkTable;

    public Worklist(TaskService tasks, RuntimeService runtime, IdentityService identity, ManagementService management) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.identity = identity;
        // once, at start: each lookup is an engine command, and the engine gives table names to administrators only
        this.taskTable = management.getTableName(Task.class);
        this.linkTable = management.getTableName(IdentityLinkEntity.class);
    }

    /** The page (from 0) of {@code size} tasks; the caller has checked both are in range. */
    public WorklistPage page(int page, int size) {
        Authentication user = identity.getCurrentAuthentication();
        if (user == null || user.getUserId() == null) {
            throw new AccessDeniedException("The worklist is a logged-in clinician's.");
        }
        List<String> groups = practiceGroups(user.getGroupIds());
        // one more than the page, to tell whether there is a next page without a count over the whole practice
        List<Task> found = withoutAuthorizationJoin(
                user, () -> openWork(user.getUserId(), groups).listPage(page * size, size + 1));
        List<Task> shown = found.subList(0, Math.min(size, found.size()));
        Map<String, String> labels = withoutAuthorizationJoin(user, () -> patientLabels(shown));
        List<WorklistItem> items = new ArrayList<>();
        for (Task task : shown) {
            items.add(new WorklistItem(
                    task.getId(),
                    task.getName(),
                    task.getTaskDefinitionKey(),
                    task.getDueDate(),
                    task.getCreateTime(),
                    task.getAssignee(),
                    task.getProcessInstanceId(),
                    labels.get(task.getProcessInstanceId()),
                    WorklistItem.tasklistLink(task.getId())));
        }
        return new WorklistPage(page, size, found.size() > size, items);
    }

    /**
     * Unclaimed tasks with a candidate link to one of {@code groups}, or tasks assigned to {@code userId}, soonest due
     * first. The same tasks as the engine's {@code or().taskCandidateGroupIn(groups).taskAssignee(userId)} query, but
     * written so PostgreSQL need not join every task with its identity links: the engine's form is a {@code select
     * distinct} over that left join, and PostgreSQL walked the due-date index row by row through the join (EXPLAIN
     * ANALYZE at 100,000 open tasks: 145 ms). Here the practice's candidate links are one {@code in} subquery, which
     * PostgreSQL hashes once, and the walk along {@code cc_idx_task_due_created} stops at the page's end (8 ms).
     */
    private NativeTaskQuery openWork(String userId, List<String> groups) {
        StringBuilder sql = new StringBuilder("select RES.* from ")
                .append(taskTable)
                .append(" RES where RES.ASSIGNEE_ = #{assignee}");
        if (!groups.isEmpty()) {
            // candidate links offer a task only while it is unclaimed, as in the engine's candidate-group query
            sql.append(" or (RES.ASSIGNEE_ is null and RES.ID_ in (select I.TASK_ID_ from ")
                    .append(linkTable)
                    .append(" I where I.TYPE_ = 'candidate' and I.GROUP_ID_ in (");
            for (int i = 0; i < groups.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("#{group").append(i).append('}');
            }
            sql.append(")))");
        }
        sql.append(" order by RES.DUE_DATE_ asc, RES.CREATE_TIME_ asc");
        NativeTaskQuery query =
                tasks.createNativeTaskQuery().sql(sql.toString()).parameter("assignee", userId);
        for (int i = 0; i < groups.size(); i++) {
            query.parameter("group" + i, groups.get(i));
        }
        return query;
    }

    /**
     * The practice-scoped groups ({@code gp-A10001}, {@code clinical-lead-A10001}) among the user's groups: the role
     * groups alone ({@code gp}) name no practice, and managers and admins have none, so they see only what is
     * assigned to them.
     */
    static List<String> practiceGroups(List<String> groupIds) {
        if (groupIds == null) {
            return List.of();
        }
        List<String> roles = Roles.clinicalGroups();
        return groupIds.stream()
                .filter(group -> roles.stream()
                        .anyMatch(role -> group.startsWith(role + "-") && group.length() > role.length() + 1))
                .toList();
    }

    /**
     * Runs a query without the engine's per-row authorization check, then restores the user. The task query already
     * asks for exactly what the engine grants a clinician on a task (ADR 0009): it grants each candidate group and the
     * assignee their task as the identity link is made, and the query selects unclaimed tasks of the user's own
     * candidate groups or the user's own assigned tasks. The check adds nothing but its cost: an OR join of every
     * matching task with every per-task authorization row of the user's groups (EXPLAIN ANALYZE in BENCHMARKS.md),
     * which grows with the square of a practice's open tasks. The label query asks only for the instances of tasks
     * the query has just selected; the engine would otherwise demand READ on the whole process instance, which
     * clinicians deliberately lack.
     */
    private <T> T withoutAuthorizationJoin(Authentication user, java.util.function.Supplier<T> query) {
        identity.clearAuthentication();
        try {
            return query.get();
        } finally {
            identity.setAuthentication(user);
        }
    }

    /** One variable query for the page: the {@code patientLabel} of each process instance shown. */
    private Map<String, String> patientLabels(List<Task> shown) {
        Set<String> instances = new LinkedHashSet<>();
        shown.forEach(task -> {
            if (task.getProcessInstanceId() != null) {
                instances.add(task.getProcessInstanceId());
            }
        });
        Map<String, String> labels = new HashMap<>();
        if (instances.isEmpty()) {
            return labels;
        }
        List<VariableInstance> variables = runtime.createVariableInstanceQuery()
                .variableName(PathwayVariables.PATIENT_LABEL)
                .variableScopeIdIn(instances.toArray(String[]::new))
                .disableBinaryFetching()
                .disableCustomObjectDeserialization()
                .list();
        variables.forEach(v -> labels.put(
                v.getProcessInstanceId(),
                v.getValue() == null ? null : v.getValue().toString()));
        return labels;
    }
}
