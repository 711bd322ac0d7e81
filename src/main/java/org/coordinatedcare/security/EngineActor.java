package org.coordinatedcare.security;

import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Runs an engine call as the system, for an API that has already made its own access check and now does what the
 * caller holds no engine right to do (a clinician reporting a death may not modify process instances in general).
 * The caller's login is put back afterwards, so everything else in the request still runs as them.
 */
@Component
public class EngineActor {

    private final IdentityService identityService;

    public EngineActor(IdentityService identityService) {
        this.identityService = identityService;
    }

    public <T> T asSystem(Supplier<T> work) {
        Authentication caller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            return work.get();
        } finally {
            if (caller != null) {
                identityService.setAuthentication(caller);
            }
        }
    }

    public void asSystem(Runnable work) {
        asSystem(() -> {
            work.run();
            return null;
        });
    }
}
