package org.coordinatedcare.security;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * What the engine grants a task's candidates and assignee. Camunda's default is UPDATE, which also lets them write any
 * task or process variable and so choose whose record a later step writes. Here they get TASK_WORK (read, claim,
 * complete through the form) and TASK_ASSIGN (Tasklist's unclaim and reassign), and READ_VARIABLE since variable
 * permissions are enforced: no variable is written except through a form's own fields (ADR 0017). A task's owner, the
 * patient's care coordinator, gets READ and READ_VARIABLE only (ADR 0027).
 */
@Component
public class TaskWorkNotUpdate extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setDefaultUserPermissionNameForTask(TaskPermissions.TASK_WORK.getName());
        configuration.setEnforceSpecificVariablePermission(true);
        configuration.setResourceAuthorizationProvider(new DefaultAuthorizationProvider() {
            @Override
            protected Permission[] getRuntimePermissions(boolean enforceSpecificVariablePermission) {
                List<Permission> permissions =
                        new ArrayList<>(List.of(super.getRuntimePermissions(enforceSpecificVariablePermission)));
                permissions.add(TaskPermissions.TASK_ASSIGN);
                return permissions.toArray(new Permission[0]);
            }

            /**
             * A task's owner is the patient's care coordinator (ADR 0027): they read it and its variables in their
             * "My caseload" filter but work it only if it is also theirs to do (candidate or assignee).
             */
            @Override
            public AuthorizationEntity[] newTaskOwner(Task task, String oldOwner, String newOwner) {
                if (newOwner == null) {
                    return null;
                }
                return new AuthorizationEntity[] {
                    createOrUpdateAuthorization(
                            task,
                            newOwner,
                            null,
                            Resources.TASK,
                            false,
                            Permissions.READ,
                            TaskPermissions.READ_VARIABLE)
                };
            }
        });
    }
}
