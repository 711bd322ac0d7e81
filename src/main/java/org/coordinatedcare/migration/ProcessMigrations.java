package org.coordinatedcare.migration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.batch.BatchStatistics;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationInstructionValidationReport;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanBuilder;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.migration.MigrationVariableValidationReport;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.coordinatedcare.audit.AuditAction;
import org.coordinatedcare.audit.AuditTrail;
import org.coordinatedcare.episode.EpisodeRepository;
import org.coordinatedcare.web.InvalidRequestException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Plans and runs the migration of running instances between two versions of a process with Camunda's migration API
 * only. The plan is {@code mapEqualActivities()} plus the caller's explicit instructions (renamed or moved
 * activities); the engine's validation report names each instruction it refuses. Each running instance is then checked
 * against the plan: an instance waiting in an activity that no instruction maps cannot be moved and is reported with
 * that activity, and left on its version. Callers check access; this runs as whoever the caller says (the system).
 */
@Service
public class ProcessMigrations {

    /** An explicit instruction: the activity in the source version and the one it becomes in the target. */
    public record Mapping(String from, String to, Boolean updateEventTrigger) {

        public Mapping(String from, String to) {
            this(from, to, null);
        }
    }

    public record Request(
            String processDefinitionKey, Integer sourceVersion, Integer targetVersion, List<Mapping> mappings) {}

    public record Instruction(List<String> from, List<String> to, boolean updateEventTrigger) {}

    public record InstructionProblem(String from, String to, List<String> failures) {}

    public record Skipped(String processInstanceId, String businessKey, List<String> reasons) {}

    public record Plan(
            String processDefinitionKey,
            int sourceVersion,
            int targetVersion,
            String sourceDefinitionId,
            String targetDefinitionId,
            boolean valid,
            List<Instruction> instructions,
            List<InstructionProblem> problems,
            int runningInstances,
            int migratable,
            List<Skipped> notMigratable) {}

    public record Started(String batchId, int migrating, List<Skipped> skipped, String href) {}

    public record Status(
            String batchId,
            int total,
            int remaining,
            int completed,
            int failed,
            boolean finished,
            Map<Integer, Long> runningPerVersion) {}

    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final ManagementService management;
    private final HistoryService history;
    private final AuditTrail audit;
    private final EpisodeRepository episodes;

    public ProcessMigrations(
            RuntimeService runtime,
            RepositoryService repository,
            ManagementService management,
            HistoryService history,
            AuditTrail audit,
            EpisodeRepository episodes) {
        this.runtime = runtime;
        this.repository = repository;
        this.management = management;
        this.history = history;
        this.audit = audit;
        this.episodes = episodes;
    }

    /** The plan and, per running instance of the source version, whether it can be moved and why not. */
    public Plan plan(Request request) {
        Versions versions = versions(request);
        List<Mapping> mappings = request.mappings() == null ? List.of() : request.mappings();
        for (int i = 0; i < mappings.size(); i++) {
            Mapping m = mappings.get(i);
            if (m == null || blank(m.from()) || blank(m.to())) {
                throw new InvalidRequestException(
                        "mappings[" + i + "]",
                        "Each mapping needs 'from' (source activity id) and 'to' (target activity id).");
            }
            if (!hasActivity(versions.source, m.from())) {
                throw new InvalidRequestException(
                        "mappings[" + i + "].from",
                        "Version " + versions.source.getVersion() + " has no activity '" + m.from() + "'.");
            }
            if (!hasActivity(versions.target, m.to())) {
                throw new InvalidRequestException(
                        "mappings[" + i + "].to",
                        "Version " + versions.target.getVersion() + " has no activity '" + m.to() + "'.");
            }
        }
        MigrationPlan plan;
        List<InstructionProblem> problems = new ArrayList<>();
        try {
            plan = build(versions, mappings);
        } catch (MigrationPlanValidationException invalid) {
            for (MigrationInstructionValidationReport report :
                    invalid.getValidationReport().getInstructionReports()) {
                MigrationInstruction instruction = report.getMigrationInstruction();
                problems.add(new InstructionProblem(
                        instruction.getSourceActivityId(), instruction.getTargetActivityId(), report.getFailures()));
            }
            for (MigrationVariableValidationReport report :
                    invalid.getValidationReport().getVariableReports().values()) {
                problems.add(new InstructionProblem(null, null, report.getFailures()));
            }
            List<String> ids = runningIds(versions.source);
            return new Plan(
                    versions.key,
                    versions.source.getVersion(),
                    versions.target.getVersion(),
                    versions.source.getId(),
                    versions.target.getId(),
                    false,
                    List.of(),
                    problems,
                    ids.size(),
                    0,
                    List.of());
        }
        Set<String> mapped = new HashSet<>();
        List<Instruction> instructions = new ArrayList<>();
        for (MigrationInstruction instruction : plan.getInstructions()) {
            mapped.add(instruction.getSourceActivityId());
            instructions.add(new Instruction(
                    List.of(instruction.getSourceActivityId()),
                    List.of(instruction.getTargetActivityId()),
                    instruction.isUpdateEventTrigger()));
        }
        List<String> ids = runningIds(versions.source);
        List<Skipped> skipped = new ArrayList<>();
        for (String id : ids) {
            ActivityInstance tree = runtime.getActivityInstance(id);
            if (tree == null) {
                continue; // ended meanwhile
            }
            Set<String> unmapped = new TreeSet<>();
            collectUnmapped(tree, mapped, unmapped, true);
            if (!unmapped.isEmpty()) {
                ProcessInstance instance = runtime.createProcessInstanceQuery()
                        .processInstanceId(id)
                        .singleResult();
                skipped.add(new Skipped(
                        id,
                        instance == null ? null : instance.getBusinessKey(),
                        unmapped.stream()
                                .map(activity -> "waits in '" + activity + "', which no instruction maps to version "
                                        + versions.target.getVersion()
                                        + " (the activity was removed or renamed: add a mapping for it)")
                                .toList()));
            }
        }
        return new Plan(
                versions.key,
                versions.source.getVersion(),
                versions.target.getVersion(),
                versions.source.getId(),
                versions.target.getId(),
                true,
                instructions,
                problems,
                ids.size(),
                ids.size() - skipped.size(),
                skipped);
    }

    /**
     * Starts the batch for every instance the plan can move and records, for each moved pathway's episode, who moved it
     * from which version to which, in the transaction that creates the batch. Instances it cannot move are left and
     * reported. A plan the engine refuses is a 400 naming the first refused instruction.
     */
    @Transactional
    public Started execute(Request request, String actor) {
        Plan checked = plan(request);
        if (!checked.valid()) {
            InstructionProblem first = checked.problems().get(0);
            throw new InvalidRequestException(
                    "mappings",
                    "The engine refuses the plan" + (first.from() == null ? "" : " at '" + first.from() + "'") + ": "
                            + String.join("; ", first.failures()));
        }
        Set<String> skippedIds = new HashSet<>();
        checked.notMigratable().forEach(s -> skippedIds.add(s.processInstanceId()));
        List<String> ids = runningIds(definition(checked.sourceDefinitionId())).stream()
                .filter(id -> !skippedIds.contains(id))
                .toList();
        if (ids.isEmpty()) {
            throw new InvalidRequestException(
                    "sourceVersion",
                    "No running instance of version " + checked.sourceVersion() + " can be moved"
                            + (skippedIds.isEmpty() ? "." : "; see the plan for why."));
        }
        MigrationPlan plan = build(
                new Versions(
                        checked.processDefinitionKey(),
                        definition(checked.sourceDefinitionId()),
                        definition(checked.targetDefinitionId())),
                request.mappings() == null ? List.of() : request.mappings());
        Batch batch = runtime.newMigration(plan).processInstanceIds(ids).executeAsync();
        String details = checked.processDefinitionKey() + " version " + checked.sourceVersion() + " -> version "
                + checked.targetVersion() + " (batch " + batch.getId() + ")";
        for (String id : ids) {
            episodes.findByProcessInstanceId(id)
                    .ifPresent(episode -> audit.record(episode.id(), actor, AuditAction.PATHWAY_MIGRATED, details));
        }
        return new Started(
                batch.getId(), ids.size(), checked.notMigratable(), "/api/process-migrations/" + batch.getId());
    }

    /** How far a migration batch has come; a finished batch is gone from the runtime and counts as finished. */
    public Status status(String batchId, String processDefinitionKey) {
        BatchStatistics stats =
                management.createBatchStatisticsQuery().batchId(batchId).singleResult();
        Map<Integer, Long> perVersion =
                processDefinitionKey == null ? Map.of() : runningPerVersion(processDefinitionKey);
        if (stats == null) {
            if (history.createHistoricBatchQuery().batchId(batchId).count() == 0) {
                throw new NoSuchElementException("No migration batch with id " + batchId);
            }
            return new Status(batchId, 0, 0, 0, 0, true, perVersion);
        }
        return new Status(
                batchId,
                stats.getTotalJobs(),
                stats.getRemainingJobs(),
                stats.getCompletedJobs(),
                stats.getFailedJobs(),
                stats.getRemainingJobs() == 0,
                perVersion);
    }

    /** Running instances per version of a process, every version (zero included). */
    public Map<Integer, Long> runningPerVersion(String key) {
        List<ProcessDefinition> definitions = repository
                .createProcessDefinitionQuery()
                .processDefinitionKey(key)
                .orderByProcessDefinitionVersion()
                .asc()
                .list();
        if (definitions.isEmpty()) {
            throw new InvalidRequestException("processDefinitionKey", "No process '" + key + "' is deployed.");
        }
        Map<Integer, Long> counts = new LinkedHashMap<>();
        for (ProcessDefinition definition : definitions) {
            counts.put(
                    definition.getVersion(),
                    runtime.createProcessInstanceQuery()
                            .processDefinitionId(definition.getId())
                            .count());
        }
        return counts;
    }

    private MigrationPlan build(Versions versions, Collection<Mapping> mappings) {
        MigrationPlanBuilder builder = runtime.createMigrationPlan(versions.source.getId(), versions.target.getId())
                .mapEqualActivities()
                .updateEventTriggers();
        for (Mapping m : mappings) {
            var instruction = builder.mapActivities(m.from(), m.to());
            // a renamed timer or message event whose definition changed too; only events have a trigger to update
            builder = Boolean.TRUE.equals(m.updateEventTrigger()) ? instruction.updateEventTrigger() : instruction;
        }
        return builder.build();
    }

    /** Activities of the instance's tree (and async transitions) that no instruction maps; the root is the process. */
    private static void collectUnmapped(ActivityInstance node, Set<String> mapped, Set<String> unmapped, boolean root) {
        if (!root && !mapped.contains(node.getActivityId())) {
            unmapped.add(node.getActivityId());
        }
        for (TransitionInstance transition : node.getChildTransitionInstances()) {
            if (!mapped.contains(transition.getActivityId())) {
                unmapped.add(transition.getActivityId());
            }
        }
        for (ActivityInstance child : node.getChildActivityInstances()) {
            collectUnmapped(child, mapped, unmapped, false);
        }
    }

    private record Versions(String key, ProcessDefinition source, ProcessDefinition target) {}

    private Versions versions(Request request) {
        if (request == null || blank(request.processDefinitionKey())) {
            throw new InvalidRequestException(
                    "processDefinitionKey", "Name the process, e.g. \"processDefinitionKey\": \"coordinated-care\".");
        }
        String key = request.processDefinitionKey().strip();
        if (request.sourceVersion() == null || request.sourceVersion() < 1) {
            throw new InvalidRequestException(
                    "sourceVersion", "sourceVersion must be a deployed version number (1 or more).");
        }
        if (request.targetVersion() == null || request.targetVersion() < 1) {
            throw new InvalidRequestException(
                    "targetVersion", "targetVersion must be a deployed version number (1 or more).");
        }
        if (request.sourceVersion().equals(request.targetVersion())) {
            throw new InvalidRequestException("targetVersion", "targetVersion must differ from sourceVersion.");
        }
        return new Versions(
                key,
                version(key, request.sourceVersion(), "sourceVersion"),
                version(key, request.targetVersion(), "targetVersion"));
    }

    private ProcessDefinition version(String key, int version, String field) {
        ProcessDefinition definition = repository
                .createProcessDefinitionQuery()
                .processDefinitionKey(key)
                .processDefinitionVersion(version)
                .withoutTenantId()
                .singleResult();
        if (definition == null) {
            throw new InvalidRequestException(field, "Process '" + key + "' has no version " + version + ".");
        }
        return definition;
    }

    private ProcessDefinition definition(String id) {
        return repository.getProcessDefinition(id);
    }

    private boolean hasActivity(ProcessDefinition definition, String activityId) {
        return repository.getBpmnModelInstance(definition.getId()).getModelElementById(activityId) != null;
    }

    private List<String> runningIds(ProcessDefinition definition) {
        return runtime
                .createProcessInstanceQuery()
                .processDefinitionId(definition.getId())
                .orderByProcessInstanceId()
                .asc()
                .list()
                .stream()
                .map(ProcessInstance::getId)
                .toList();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
