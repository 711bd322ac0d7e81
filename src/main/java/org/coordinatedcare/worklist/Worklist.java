package org.coordinatedcare.worklist;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.coordinatedcare.security.Roles;
import org.coordinatedcare.system.PathwayVariables;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The logged-in clinician's open work: unclaimed tasks of their own practice's candidate groups and tasks assigned to
 * them, soonest due first. The engine's TaskQuery runs as the user, so Camunda authorization decides what they may
 * see, exactly as in Tasklist; the patient labels of the page come in one variable query.
 */
@Component
public class Worklist {

    public static final int MAX_SIZE = 100;
    public static final int DEFAULT_SIZE = 15;

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final IdentityService identity;

    public Worklist(TaskService tasks, RuntimeService runtime, IdentityService identity) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.identity = identity;
    }

    /** The page (from 0) of {@code size} tasks; the caller has checked both are in range. */
    public WorklistPage page(int page, int size) {
        Authentication user = identity.getCurrentAuthentication();
        if (user == null || user.getUserId() == null) {
            throw new AccessDeniedException("The worklist is a logged-in clinician's.");
        }
        List<String> groups = practiceGroups(user.getGroupIds());
        TaskQuery query = tasks.createTaskQuery();
        if (groups.isEmpty()) {
            query.taskAssignee(user.getUserId());
        } else {
            // candidate-group conditions match unclaimed tasks only, so claimed work shows with its assignee alone
            query.or().taskCandidateGroupIn(groups).taskAssignee(user.getUserId()).endOr();
        }
        // one more than the page, to tell whether there is a next page without a count over the whole practice
        List<Task> found = query.orderByDueDate().asc().orderByTaskCreateTime().asc().listPage(page * size, size + 1);
        List<Task> shown = found.subList(0, Math.min(size, found.size()));
        Map<String, String> labels = patientLabels(shown, user);
        List<WorklistItem> items = new ArrayList<>();
        for (Task task : shown) {
            items.add(new WorklistItem(task.getId(), task.getName(), task.getTaskDefinitionKey(), task.getDueDate(),
                    task.getCreateTime(), task.getAssignee(), task.getProcessInstanceId(),
                    labels.get(task.getProcessInstanceId()), WorklistItem.tasklistLink(task.getId())));
        }
        return new WorklistPage(page, size, found.size() > size, items);
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
                .filter(group -> roles.stream().anyMatch(role -> group.startsWith(role + "-") && group.length() > role.length() + 1))
                .toList();
    }

    /**
     * One variable query for the page. It runs without the user's authorization check: the engine would ask for READ
     * on the whole process instance, which clinicians do not have (they hold their tasks only), yet the instances
     * asked for are exactly those of tasks the authorized query has just shown them.
     */
    private Map<String, String> patientLabels(List<Task> shown, Authentication user) {
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
        identity.clearAuthentication();
        try {
            List<VariableInstance> variables = runtime.createVariableInstanceQuery()
                    .variableName(PathwayVariables.PATIENT_LABEL)
                    .variableScopeIdIn(instances.toArray(String[]::new))
                    .disableBinaryFetching()
                    .disableCustomObjectDeserialization()
                    .list();
            variables.forEach(v -> labels.put(v.getProcessInstanceId(), v.getValue() == null ? null : v.getValue().toString()));
        } finally {
            identity.setAuthentication(user);
        }
        return labels;
    }
}
