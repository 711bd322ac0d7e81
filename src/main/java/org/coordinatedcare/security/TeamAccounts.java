package org.coordinatedcare.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.coordinatedcare.patient.Practice;
import org.coordinatedcare.team.Professional;
import org.coordinatedcare.team.ProfessionalRole;
import org.springframework.stereotype.Service;

/**
 * Keeps Camunda's users and groups in step with the team: a professional with a login is a member of their role's
 * group ({@code gp}) and of the practice-scoped group that user tasks name as candidates ({@code gp-A10001}); clinical
 * leads also of {@code clinical-lead} and {@code clinical-lead-A10001}; everyone also of their neighbourhood's MDT
 * group ({@code mdt-borough}), the candidates of the neighbourhood MDT meeting's tasks. Every call is idempotent.
 */
@Service
public class TeamAccounts {

    private final IdentityService identityService;

    public TeamAccounts(IdentityService identityService) {
        this.identityService = identityService;
    }

    public void enrol(Professional professional, Practice practice, String email, String initialPassword) {
        ensureUser(professional.loginId(), professional.givenName(), professional.familyName(), email, initialPassword);
        ProfessionalRole role = professional.role();
        join(professional.loginId(), role.group(), role.label() + "s");
        join(professional.loginId(), role.groupAt(practice.odsCode()), role.label() + "s, " + practice.name());
        join(
                professional.loginId(),
                ProfessionalRole.mdtGroupOf(practice.neighbourhood()),
                "Neighbourhood MDT, " + practice.neighbourhood());
        if (professional.clinicalLead()) {
            join(professional.loginId(), ProfessionalRole.CLINICAL_LEAD_GROUP, "Clinical leads");
            join(
                    professional.loginId(),
                    ProfessionalRole.CLINICAL_LEAD_GROUP + "-" + practice.odsCode(),
                    "Clinical leads, " + practice.name());
        }
    }

    public void ensureUser(String id, String firstName, String lastName, String email, String initialPassword) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setFirstName(firstName);
            user.setLastName(lastName);
            user.setEmail(email);
            user.setPassword(initialPassword);
            identityService.saveUser(user);
        }
    }

    public void ensureGroup(String id, String name) {
        if (identityService.createGroupQuery().groupId(id).count() == 0) {
            Group group = identityService.newGroup(id);
            group.setName(name);
            group.setType("WORKFLOW");
            identityService.saveGroup(group);
        }
    }

    public void join(String userId, String groupId, String groupName) {
        ensureGroup(groupId, groupName);
        if (identityService
                        .createUserQuery()
                        .userId(userId)
                        .memberOfGroup(groupId)
                        .count()
                == 0) {
            identityService.createMembership(userId, groupId);
        }
    }
}
