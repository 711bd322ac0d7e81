package org.coordinatedcare.security;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.springframework.stereotype.Component;

/**
 * What the engine grants a task's candidates and assignee. Camunda's default is UPDATE, which also lets them write any
 * task or process variable and so choose whose record a later step writes. Here they get TASK_WORK (read, claim,
 * complete through the form) and TASK_ASSIGN (Tasklist's unclaim and reassign), and READ_VARIABLE since variable
 * permissions are enforced: no variable is written except through a form's own fields (ADR 0017).
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
        });
    }
}
