package org.coordinatedcare.security;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.coordinatedcare.team.ProfessionalRole;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Least privilege per group, applied at every start (idempotently). Clinicians get Tasklist and nothing else: the
 * engine itself grants them each task whose candidate group they are in, and candidate groups are practice-scoped,
 * so they see only their own practice's work for their role. Managers read everything and complete nothing. Process
 * owners deploy. Only Camunda admins manage users, groups and authorizations.
 */
@Component
@Order(1)
public class AccessPolicy implements ApplicationRunner {

    private final AuthorizationService authorizations;
    private final TeamAccounts accounts;

    public AccessPolicy(AuthorizationService authorizations, TeamAccounts accounts) {
        this.authorizations = authorizations;
        this.accounts = accounts;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (ProfessionalRole role : ProfessionalRole.values()) {
            accounts.ensureGroup(role.group(), role.label() + "s");
        }
        accounts.ensureGroup(ProfessionalRole.CLINICAL_LEAD_GROUP, "Clinical leads");
        accounts.ensureGroup(Roles.MANAGER, "Managers");
        accounts.ensureGroup(Roles.PROCESS_OWNER, "Process owners");
        // no rights in the engine or the webapps: SecurityConfig lets it read /actuator/prometheus only
        accounts.ensureGroup(Roles.METRICS_SCRAPE, "Metrics scrape");

        for (String group : Roles.clinicalGroups()) {
            grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(group, Resources.FILTER, "*", Permissions.READ);
            // Tasklist shows the pathway's name beside each task.
            grant(group, Resources.PROCESS_DEFINITION, "*", Permissions.READ);
        }
        // Any clinician may refer a patient onto the pathway by hand (the start form); EpisodeOpener then checks the
        // patient is of the clinician's own practice.
        for (String group : Roles.clinicalGroups()) {
            grant(
                    group,
                    Resources.PROCESS_DEFINITION,
                    "coordinated-care",
                    ProcessDefinitionPermissions.CREATE_INSTANCE);
            grant(group, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
        }

        grant(Roles.MANAGER, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(Roles.MANAGER, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(Roles.MANAGER, Resources.FILTER, "*", Permissions.READ);
        grant(
                Roles.MANAGER,
                Resources.PROCESS_DEFINITION,
                "*",
                ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE,
                ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.READ_TASK,
                ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
                ProcessDefinitionPermissions.READ_TASK_VARIABLE,
                ProcessDefinitionPermissions.READ_HISTORY_VARIABLE);
        grant(Roles.MANAGER, Resources.PROCESS_INSTANCE, "*", Permissions.READ);
        grant(Roles.MANAGER, Resources.TASK, "*", TaskPermissions.READ, TaskPermissions.READ_VARIABLE);
        grant(Roles.MANAGER, Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY);
        grant(Roles.MANAGER, Resources.DECISION_REQUIREMENTS_DEFINITION, "*", Permissions.READ);
        grant(Roles.MANAGER, Resources.DEPLOYMENT, "*", Permissions.READ);

        // Process owners deploy and see where pathways stand (definitions, instance counts per step, incidents), but
        // read no patient's variables (variable permissions are enforced, TaskWorkNotUpdate), work no task and
        // change or delete no instance. Deleting a deployment, which can cascade to instances, is an administrator's.
        grant(Roles.PROCESS_OWNER, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(Roles.PROCESS_OWNER, Resources.DEPLOYMENT, "*", Permissions.READ, Permissions.CREATE);
        grant(
                Roles.PROCESS_OWNER,
                Resources.PROCESS_DEFINITION,
                "*",
                ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE,
                ProcessDefinitionPermissions.READ_HISTORY);
        grant(Roles.PROCESS_OWNER, Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.CREATE_INSTANCE);
        grant(Roles.PROCESS_OWNER, Resources.DECISION_REQUIREMENTS_DEFINITION, "*", Permissions.READ);
        revoke(Roles.PROCESS_OWNER, Resources.PROCESS_INSTANCE, "*");
    }

    /**
     * Makes the group's grant on the resource exactly these permissions: an earlier version's wider grant (process
     * owners once had ALL) is narrowed at the next start. Saves only on a change, so nodes starting together rarely
     * race.
     */
    private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        List<Authorization> existing = existing(groupId, resource, resourceId);
        Set<String> wanted = Arrays.stream(permissions).map(Permission::getName).collect(Collectors.toSet());
        if (!existing.isEmpty() && granted(existing.get(0), resource).equals(wanted)) {
            return;
        }
        Authorization authorization =
                existing.isEmpty() ? authorizations.createNewAuthorization(AUTH_TYPE_GRANT) : existing.get(0);
        if (existing.isEmpty()) {
            authorization.setGroupId(groupId);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        }
        authorization.setPermissions(permissions);
        authorizations.saveAuthorization(authorization);
    }

    private void revoke(String groupId, Resource resource, String resourceId) {
        existing(groupId, resource, resourceId).forEach(a -> authorizations.deleteAuthorization(a.getId()));
    }

    private List<Authorization> existing(String groupId, Resource resource, String resourceId) {
        return authorizations
                .createAuthorizationQuery()
                .groupIdIn(groupId)
                .resourceType(resource)
                .resourceId(resourceId)
                .authorizationType(AUTH_TYPE_GRANT)
                .list();
    }

    private static Set<String> granted(Authorization authorization, Resource resource) {
        Permission[] all = resource == Resources.PROCESS_DEFINITION
                ? ProcessDefinitionPermissions.values()
                : resource == Resources.PROCESS_INSTANCE
                        ? ProcessInstancePermissions.values()
                        : resource == Resources.TASK ? TaskPermissions.values() : Permissions.values();
        return Arrays.stream(authorization.getPermissions(all))
                .map(Permission::getName)
                .filter(name -> !name.equals("NONE"))
                .collect(Collectors.toSet());
    }
}
