package org.coordinatedcare.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.coordinatedcare.EngineTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The group list that goes into the engine's authorization checks, with and without the engine's own lookup. */
@EngineTest
class AuthorizedGroupsWithoutLookupTest {

    private static final String NAMED_GROUP = "lookup-test-named";

    @Autowired
    ProcessEngine engine;

    @Autowired
    AuthorizationService authorizations;

    private String created;

    @AfterEach
    void removeAuthorization() {
        if (created != null) {
            authorizations.deleteAuthorization(created);
        }
    }

    @Test
    void aCliniciansHandfulOfGroupsGoesIntoTheCheckAsTheyAre() {
        List<String> groups = List.of("gp-A10001", "clinical-lead-A10001", "no-authorization-names-this-group");

        assertThat(groupsChecked(groups)).containsExactlyElementsOf(groups);
    }

    @Test
    void aLongGroupListIsStillNarrowedToTheGroupsAuthorizationsName() {
        Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setGroupId(NAMED_GROUP);
        grant.setResource(Resources.FILTER);
        grant.setResourceId("lookup-test-filter");
        grant.addPermission(Permissions.READ);
        created = authorizations.saveAuthorization(grant).getId();
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            groups.add("directory-group-" + i);
        }
        groups.add(NAMED_GROUP);

        assertThat(groupsChecked(groups)).containsExactly(NAMED_GROUP);
    }

    private List<String> groupsChecked(List<String> groups) {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired()
                .execute(context -> context.getAuthorizationManager().filterAuthenticatedGroupIds(groups));
    }
}
