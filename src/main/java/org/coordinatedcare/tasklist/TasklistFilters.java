package org.coordinatedcare.tasklist;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.coordinatedcare.form.PathwayVariables;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Tasklist lists no task at all without a filter, so the filters clinicians work from are created (or updated) at start.
 * Each shows only tasks the user is authorized for, which means their own practice's work for their role.
 */
@Component
@Order(2)
public class TasklistFilters implements ApplicationRunner {

    private final FilterService filters;
    private final TaskService tasks;

    public TasklistFilters(FilterService filters, TaskService tasks) {
        this.filters = filters;
        this.tasks = tasks;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensure(
                "My tasks",
                -10,
                "Tasks assigned to me, soonest due first",
                true,
                tasks.createTaskQuery()
                        .taskAssigneeExpression("${currentUser()}")
                        .orderByDueDate()
                        .asc());
        ensure(
                "My group's tasks",
                -5,
                "Unclaimed tasks for my role at my practice, soonest due first",
                false,
                tasks.createTaskQuery()
                        .taskCandidateGroupInExpression("${currentUserGroups()}")
                        .taskUnassigned()
                        .orderByDueDate()
                        .asc());
        // the care coordinator owns every open task of the pathways they coordinate (coordination.CaseloadOwners)
        ensure(
                "My caseload",
                -3,
                "Open tasks of the patients I coordinate, soonest due first",
                false,
                tasks.createTaskQuery()
                        .taskOwnerExpression("${currentUser()}")
                        .orderByDueDate()
                        .asc());
        ensure(
                "Overdue",
                0,
                "Tasks I can see that are past their due date",
                false,
                tasks.createTaskQuery()
                        .dueBeforeExpression("${now()}")
                        .orderByDueDate()
                        .asc());
    }

    /**
     * Creates the filter, or brings an existing one of that name up to date. Tasklist reloads a filter with
     * {@code refresh} every 10 seconds in every open tab, count included, whether or not anyone is looking (ADR 0032).
     * Only "My tasks" does: a clinician's own list is one index probe, and work reassigned to them should appear
     * unasked. The others reload when the clinician opens them or completes a task; new work for a group or a
     * caseload is announced by e-mail (ADR 0027), and the count over a practice's open tasks is the dearest query
     * Tasklist sends (BENCHMARKS.md part 4).
     */
    private void ensure(String name, int priority, String description, boolean refresh, TaskQuery query) {
        Filter filter = filters.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            filter = filters.newTaskFilter(name);
        }
        filter.setQuery(query)
                // task cards show whose task it is
                .setProperties(Map.of(
                        "priority",
                        priority,
                        "description",
                        description,
                        "refresh",
                        refresh,
                        "variables",
                        List.of(Map.of("name", PathwayVariables.PATIENT_LABEL, "label", "Patient"))));
        filters.saveFilter(filter);
    }
}
