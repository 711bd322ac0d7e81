package org.coordinatedcare.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.management.ActivityStatistics;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.coordinatedcare.team.ProfessionalRole;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gauges of the engine's state for operators, all from one {@link Snapshot} that is read at most once per
 * {@code coordinated-care.metrics.refresh} (default 5 s), so a scrape, or several scrapers, cost one read:
 * <ul>
 *   <li>{@code coordinated_care_pathways{stage, activity}}: running coordinated-care pathways waiting at each step of
 *       the root process (the engine's activity statistics, one grouped query per deployed version); a pathway
 *       waiting in two parallel branches counts at both;
 *   <li>{@code coordinated_care_tasks_open{role}} and {@code coordinated_care_tasks_overdue{role}}: open tasks offered
 *       to a role's groups at any practice (candidate group {@code <role>-<ods>}, assigned or not), and past their due
 *       date; {@code role="none"} for tasks offered to no group (a person's own step);
 *   <li>{@code coordinated_care_jobs_due}: jobs the job executor could run now (due, retries left);
 *   <li>{@code coordinated_care_incidents{type}}: open incidents by type.
 * </ul>
 * The engine is asked as the system (no user's authorization checks). The counts are the whole database's: every node
 * of a cluster reports the same, so dashboards take one node's value (max), not the sum.
 */
@Component
class EngineGauges {

    static final String ROOT_PROCESS = "coordinated-care";
    static final String NO_GROUP = "none";

    /** One reading of everything the gauges show. */
    record Snapshot(
            Map<String, Long> pathwaysByActivity,
            Map<String, Long> openByRole,
            Map<String, Long> overdueByRole,
            long jobsDue,
            Map<String, Long> incidentsByType,
            long readAt) {}

    private final RepositoryService repository;
    private final ManagementService management;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final IdentityService identity;
    private final MeterRegistry registry;
    private final long refreshMillis;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, String> activityNames = new ConcurrentHashMap<>();
    private final Set<String> definitionsRead = ConcurrentHashMap.newKeySet();
    private final Set<String> activitiesRegistered = ConcurrentHashMap.newKeySet();
    private volatile Snapshot snapshot;

    EngineGauges(
            RepositoryService repository,
            ManagementService management,
            RuntimeService runtime,
            TaskService tasks,
            IdentityService identity,
            MeterRegistry registry,
            @Value("${coordinated-care.metrics.refresh:5s}") Duration refresh) {
        this.repository = repository;
        this.management = management;
        this.runtime = runtime;
        this.tasks = tasks;
        this.identity = identity;
        this.registry = registry;
        this.refreshMillis = refresh.toMillis();
        for (String role : roles()) {
            gauge(
                    "coordinated.care.tasks.open",
                    "Open tasks offered to a role's groups",
                    "role",
                    role,
                    s -> s.openByRole().getOrDefault(role, 0L));
            gauge(
                    "coordinated.care.tasks.overdue",
                    "Open tasks offered to a role's groups, past their due date",
                    "role",
                    role,
                    s -> s.overdueByRole().getOrDefault(role, 0L));
        }
        for (String type : incidentTypes()) {
            gauge(
                    "coordinated.care.incidents",
                    "Open incidents by type",
                    "type",
                    type,
                    s -> s.incidentsByType().getOrDefault(type, 0L));
        }
        Gauge.builder("coordinated.care.jobs.due", this, g -> g.current().jobsDue())
                .description("Jobs the job executor could run now: due, with retries left")
                .strongReference(true)
                .register(registry);
    }

    /** Once the engine has deployed: a gauge for every step of the root process, zero until a pathway waits there. */
    @EventListener(ApplicationReadyEvent.class)
    void registerStages() {
        asSystem(() -> {
            repository
                    .createProcessDefinitionQuery()
                    .processDefinitionKey(ROOT_PROCESS)
                    .list()
                    .forEach(this::names);
            activityNames.keySet().forEach(this::stageGauge);
            return null;
        });
    }

    /** The current snapshot, read again once it is older than the refresh interval. */
    Snapshot current() {
        Snapshot last = snapshot;
        if (last != null && clock.millis() - last.readAt() < refreshMillis) {
            return last;
        }
        synchronized (this) {
            if (snapshot == null || clock.millis() - snapshot.readAt() >= refreshMillis) {
                snapshot = asSystem(this::read);
            }
            return snapshot;
        }
    }

    private Snapshot read() {
        Map<String, Long> pathways = new LinkedHashMap<>();
        for (ProcessDefinition definition : repository
                .createProcessDefinitionQuery()
                .processDefinitionKey(ROOT_PROCESS)
                .list()) {
            names(definition);
            for (ActivityStatistics statistics :
                    management.createActivityStatisticsQuery(definition.getId()).list()) {
                pathways.merge(statistics.getId(), (long) statistics.getInstances(), Long::sum);
            }
        }
        pathways.keySet().forEach(this::stageGauge);
        Date now = new Date(clock.millis());
        Map<String, Long> open = new LinkedHashMap<>();
        Map<String, Long> overdue = new LinkedHashMap<>();
        for (String role : roles()) {
            open.put(role, byRole(role).count());
            overdue.put(role, byRole(role).dueBefore(now).count());
        }
        Map<String, Long> incidents = new LinkedHashMap<>();
        long allIncidents = runtime.createIncidentQuery().count();
        long known = 0;
        for (String type : incidentTypes()) {
            if (!type.equals("other")) {
                long n = runtime.createIncidentQuery().incidentType(type).count();
                incidents.put(type, n);
                known += n;
            }
        }
        incidents.put("other", allIncidents - known);
        return new Snapshot(
                pathways,
                open,
                overdue,
                management.createJobQuery().executable().count(),
                incidents,
                clock.millis());
    }

    private TaskQuery byRole(String role) {
        return role.equals(NO_GROUP)
                ? tasks.createTaskQuery().withoutCandidateGroups()
                : tasks.createTaskQuery().taskCandidateGroupLike(role + "-%").includeAssignedTasks();
    }

    /** The role groups' prefixes (e.g. {@code gp}, {@code clinical-lead}) and {@value #NO_GROUP}. */
    static List<String> roles() {
        List<String> roles = new java.util.ArrayList<>();
        for (ProfessionalRole role : ProfessionalRole.values()) {
            roles.add(role.group());
        }
        roles.add(ProfessionalRole.CLINICAL_LEAD_GROUP);
        roles.add(NO_GROUP);
        return roles;
    }

    private static List<String> incidentTypes() {
        return List.of(Incident.FAILED_JOB_HANDLER_TYPE, Incident.EXTERNAL_TASK_HANDLER_TYPE, "other");
    }

    /** The steps of one version where a pathway can wait, by id, with their names from the diagram. */
    private void names(ProcessDefinition definition) {
        if (!definitionsRead.add(definition.getId())) {
            return;
        }
        Collection<FlowNode> nodes =
                repository.getBpmnModelInstance(definition.getId()).getModelElementsByType(FlowNode.class);
        for (FlowNode node : nodes) {
            if (node instanceof Activity || node instanceof CatchEvent) {
                activityNames.putIfAbsent(node.getId(), node.getName() == null ? node.getId() : node.getName());
            }
        }
    }

    private void stageGauge(String activity) {
        if (activitiesRegistered.add(activity)) {
            Gauge.builder(
                            "coordinated.care.pathways",
                            this,
                            g -> g.current().pathwaysByActivity().getOrDefault(activity, 0L))
                    .description("Running coordinated-care pathways waiting at a step of the root process")
                    .tag("activity", activity)
                    .tag("stage", activityNames.getOrDefault(activity, activity).replaceAll("\\s+", " "))
                    .strongReference(true)
                    .register(registry);
        }
    }

    private void gauge(String name, String description, String tag, String value, ToDoubleFunction<Snapshot> read) {
        Gauge.builder(name, this, g -> read.applyAsDouble(g.current()))
                .description(description)
                .tag(tag, value)
                .strongReference(true)
                .register(registry);
    }

    private <T> T asSystem(java.util.function.Supplier<T> work) {
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
