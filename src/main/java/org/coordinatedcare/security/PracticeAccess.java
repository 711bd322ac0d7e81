package org.coordinatedcare.security;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.coordinatedcare.patient.Practice;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Our API's counterpart of the practice-scoped candidate groups: a clinician reads and acts on their own practice's
 * patients only (membership of any {@code <role>-<practice>} group); managers and admins read every practice.
 */
@Component
public class PracticeAccess {

    static final String OWN_PATIENTS_ONLY = "You can see and act on your own practice's patients only.";

    private final IdentityService identityService;

    public PracticeAccess(IdentityService identityService) {
        this.identityService = identityService;
    }

    public void checkRead(Practice practice) {
        if (!isAdmin() && !groups().contains(Roles.MANAGER) && !isMemberOf(practice)) {
            throw new AccessDeniedException("You can see patients of your own practice only.");
        }
    }

    /** Acting on a practice's pathways; work the engine does on its own (jobs, start-up) has no user and passes. */
    public void checkAct(Practice practice) {
        if (identityService.getCurrentAuthentication() == null) {
            return;
        }
        if (!isAdmin() && !isMemberOf(practice)) {
            throw new AccessDeniedException(
                    "Only the team of " + practice.name() + " can act on its patients' pathways.");
        }
    }

    /**
     * The patient, if the current user may act on their pathway. For a clinician, a patient of another practice and
     * an id that names no one are refused alike, so the answer says nothing about another practice's patients. Work
     * the engine does on its own (no user) and administrators see the register as it is.
     */
    public <P> Optional<P> actableOrDenied(Optional<P> patient, Function<P, Practice> practiceOf) {
        if (identityService.getCurrentAuthentication() == null || isAdmin()) {
            return patient;
        }
        if (patient.isEmpty() || !isMemberOf(practiceOf.apply(patient.get()))) {
            throw new AccessDeniedException(OWN_PATIENTS_ONLY);
        }
        return patient;
    }

    /** The same for reading: managers and administrators read every practice, so an unknown id is simply not found. */
    public <P> Optional<P> readableOrDenied(Optional<P> patient, Function<P, Practice> practiceOf) {
        if (identityService.getCurrentAuthentication() == null || isAdmin() || groups().contains(Roles.MANAGER)) {
            return patient;
        }
        if (patient.isEmpty() || !isMemberOf(practiceOf.apply(patient.get()))) {
            throw new AccessDeniedException(OWN_PATIENTS_ONLY);
        }
        return patient;
    }

    /**
     * Reading what belongs to a whole neighbourhood (the minutes of its MDT meeting): a member of one of its practices
     * or an administrator. Managers are not let in: the minutes name several practices' patients.
     */
    public void checkNeighbourhood(Collection<Practice> practices) {
        if (!isAdmin() && practices.stream().noneMatch(this::isMemberOf)) {
            throw new AccessDeniedException("Only the neighbourhood's practices can read this.");
        }
    }

    /** Acting for a neighbourhood in one of these roles ({@code clinical-lead}) at one of its practices, or as admin. */
    public void checkRoleInNeighbourhood(Collection<Practice> practices, Collection<String> roleGroups) {
        if (isAdmin()) {
            return;
        }
        List<String> groups = groups();
        boolean allowed = practices.stream()
                .anyMatch(p -> roleGroups.stream().anyMatch(role -> groups.contains(role + "-" + p.odsCode())));
        if (!allowed) {
            throw new AccessDeniedException(
                    "Only a clinical lead or care coordinator of the neighbourhood can do this.");
        }
    }

    private boolean isMemberOf(Practice practice) {
        String suffix = "-" + practice.odsCode();
        return groups().stream().anyMatch(g -> g.endsWith(suffix));
    }

    private boolean isAdmin() {
        return groups().contains(Roles.ADMIN);
    }

    private List<String> groups() {
        Authentication authentication = identityService.getCurrentAuthentication();
        if (authentication == null || authentication.getGroupIds() == null) {
            return List.of();
        }
        return authentication.getGroupIds();
    }
}
