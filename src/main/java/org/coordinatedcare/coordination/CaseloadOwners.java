package org.coordinatedcare.coordination;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.coordinatedcare.episode.EpisodeBinding;
import org.coordinatedcare.form.UserTaskHooks;
import org.coordinatedcare.security.EngineActor;
import org.coordinatedcare.team.Professional;
import org.coordinatedcare.team.ProfessionalRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The care coordinator is the owner of every open task of the pathways they coordinate, so Tasklist's "My caseload"
 * filter (tasks I own) lists their caseload's work. Camunda's owner field means "responsible for", which is the
 * coordinator's role; an owner may read such a task, not work it (the engine's authorization provider,
 * {@code security.TaskWorkNotUpdate}). Set when a task is created on a pathway with a coordinator in post, and on
 * every open task of the pathway when a coordinator is appointed or transferred.
 */
@Component
public class CaseloadOwners extends AbstractProcessEnginePlugin {

    private final ObjectProvider<EpisodeBinding> binding;
    private final ObjectProvider<CoordinatorAssignmentRepository> assignments;
    private final ObjectProvider<ProfessionalRepository> professionals;
    private final ObjectProvider<TaskService> tasks;
    private final ObjectProvider<EngineActor> engine;
    private final ObjectProvider<AuthorizationService> authorizations;

    public CaseloadOwners(
            ObjectProvider<EpisodeBinding> binding,
            ObjectProvider<CoordinatorAssignmentRepository> assignments,
            ObjectProvider<ProfessionalRepository> professionals,
            ObjectProvider<TaskService> tasks,
            ObjectProvider<EngineActor> engine,
            ObjectProvider<AuthorizationService> authorizations) {
        this.binding = binding;
        this.assignments = assignments;
        this.professionals = professionals;
        this.tasks = tasks;
        this.engine = engine;
        this.authorizations = authorizations;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        UserTaskHooks.onEveryUserTask(
                configuration, task -> task.addTaskListener(TaskListener.EVENTNAME_CREATE, this::own));
    }

    private void own(DelegateTask task) {
        binding.getObject()
                .find(task)
                .flatMap(episode -> assignments.getObject().findByEpisodeIdAndEndedAtIsNull(episode.id()))
                .flatMap(a -> professionals.getObject().findById(a.professionalId()))
                .map(Professional::loginId)
                .ifPresent(task::setOwner);
    }

    /**
     * Gives the pathway's open tasks (its own and its called processes', which share its business key) to the new
     * coordinator, except {@code completing}, and takes back the previous coordinator's right to read them (the engine
     * grants a new owner but never revokes an old one's). As the system: the clinical lead appointing may not change
     * others' tasks.
     */
    void handOver(DelegateTask completing, String coordinatorLogin) {
        String businessKey = completing.getExecution().getProcessBusinessKey();
        if (businessKey == null) {
            return;
        }
        TaskService taskService = tasks.getObject();
        engine.getObject()
                .asSystem(() -> taskService.createTaskQuery().processInstanceBusinessKey(businessKey).list().stream()
                        .filter(t -> !t.getId().equals(completing.getId()))
                        .filter(t -> !coordinatorLogin.equals(t.getOwner()))
                        .forEach(t -> {
                            revokeOwnersRead(t);
                            taskService.setOwner(t.getId(), coordinatorLogin);
                        }));
    }

    /** The old owner's grant on the task, unless they also do the task (then the grant is their assignee's too). */
    private void revokeOwnersRead(Task task) {
        String owner = task.getOwner();
        if (owner == null || owner.equals(task.getAssignee())) {
            return;
        }
        AuthorizationService service = authorizations.getObject();
        service.createAuthorizationQuery()
                .resourceType(Resources.TASK)
                .resourceId(task.getId())
                .userIdIn(owner)
                .list()
                .forEach(grant -> service.deleteAuthorization(grant.getId()));
    }
}
