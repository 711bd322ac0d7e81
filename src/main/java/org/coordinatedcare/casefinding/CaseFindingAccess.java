package org.coordinatedcare.casefinding;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.coordinatedcare.patient.Practice;
import org.coordinatedcare.security.Roles;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who may run and read case finding, the practice rule of {@code PracticeAccess} applied to runs: a clinician for their
 * own practice; managers and administrators for any practice and for all practices at once.
 */
@Component
public class CaseFindingAccess {

    private final IdentityService identityService;

    public CaseFindingAccess(IdentityService identityService) {
        this.identityService = identityService;
    }

    public void checkRequest(Practice practiceOrNull) {
        if (seesAll()) {
            return;
        }
        if (practiceOrNull == null) {
            throw new AccessDeniedException(
                    "Only managers and administrators can run case finding for every practice; name your practice.");
        }
        if (!isMemberOf(practiceOrNull.odsCode())) {
            throw new AccessDeniedException("You can run case finding for your own practice only.");
        }
    }

    public boolean seesAll() {
        List<String> groups = groups();
        return groups.contains(Roles.ADMIN) || groups.contains(Roles.MANAGER);
    }

    public boolean isMemberOf(String odsCode) {
        return groups().stream().anyMatch(g -> g.endsWith("-" + odsCode));
    }

    private List<String> groups() {
        Authentication authentication = identityService.getCurrentAuthentication();
        return authentication == null || authentication.getGroupIds() == null
                ? List.of()
                : authentication.getGroupIds();
    }
}
