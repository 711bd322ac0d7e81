package org.coordinatedcare.security;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who may change how pathways run as a whole: move running instances to a new version, or preview a changed decision
 * table against the register. Administrators and process owners; no clinician, clinical lead or manager (ADR 0029).
 */
@Component
public class ProcessChangeAccess {

    private final IdentityService identityService;

    public ProcessChangeAccess(IdentityService identityService) {
        this.identityService = identityService;
    }

    public void check(String what) {
        Authentication authentication = identityService.getCurrentAuthentication();
        List<String> groups = authentication == null || authentication.getGroupIds() == null
                ? List.of()
                : authentication.getGroupIds();
        if (!groups.contains(Roles.ADMIN) && !groups.contains(Roles.PROCESS_OWNER)) {
            throw new AccessDeniedException("Only process owners and administrators can " + what + ".");
        }
    }
}
