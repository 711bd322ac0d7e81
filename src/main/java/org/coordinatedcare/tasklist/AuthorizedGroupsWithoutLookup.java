package org.coordinatedcare.tasklist;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Stops the engine reading every authorization row before each authorization check (ADR 0013).
 * <p>
 * Before any check, Camunda's {@link AuthorizationManager} narrows the user's groups to those named by some
 * authorization: {@code SELECT distinct(GROUP_ID_) FROM ACT_RU_AUTHORIZATION}, once per command. The engine grants
 * every open task to its candidate group with an authorization row of its own, so that table grows with the open
 * tasks, and at 100,000 open tasks the lookup took 93 ms (EXPLAIN ANALYZE), paid by every Tasklist and Cockpit request
 * several times over. The narrowing only shortens the {@code GROUP_ID_ IN (...)} list of the check; a group that no
 * authorization names matches no row, so passing the user's groups unchanged selects exactly the same rows. Our users
 * belong to a handful of groups, so above {@code coordinated-care.authorization.group-lookup-above} groups (say, a
 * directory with hundreds) the engine's own narrowing is kept. CIB seven made the same change
 * ({@code authGroupFilterThreshold}); camunda/camunda-bpm-platform#5485 reports the cost.
 */
@Component
public class AuthorizedGroupsWithoutLookup extends AbstractProcessEnginePlugin {

    private final int lookupAbove;

    public AuthorizedGroupsWithoutLookup(
            @Value("${coordinated-care.authorization.group-lookup-above:50}") int lookupAbove) {
        this.lookupAbove = lookupAbove;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<SessionFactory> factories = configuration.getCustomSessionFactories() == null
                ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomSessionFactories());
        // registered after the engine's defaults, so it replaces the factory of AuthorizationManager
        factories.add(new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return AuthorizationManager.class;
            }

            @Override
            public Session openSession() {
                return new Manager(lookupAbove);
            }
        });
        configuration.setCustomSessionFactories(factories);
    }

    /** The engine's authorization manager, but a short group list goes into the check as the user's groups are. */
    static final class Manager extends AuthorizationManager {

        private final int lookupAbove;

        Manager(int lookupAbove) {
            this.lookupAbove = lookupAbove;
        }

        @Override
        public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
            if (authenticatedGroupIds == null
                    || authenticatedGroupIds.isEmpty()
                    || authenticatedGroupIds.size() > lookupAbove) {
                return super.filterAuthenticatedGroupIds(authenticatedGroupIds);
            }
            // a modifiable list, as the engine's own answer is
            return new ArrayList<>(authenticatedGroupIds.stream()
                    .filter(group -> group != null)
                    .distinct()
                    .toList());
        }
    }
}
