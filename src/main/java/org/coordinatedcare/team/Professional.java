package org.coordinatedcare.team;

import org.springframework.data.annotation.Id;

/** A member of a practice's team; {@code loginId} is their Camunda user id, so tasks can be assigned to them. */
public record Professional(
        @Id Long id,
        Long practiceId,
        ProfessionalRole role,
        String givenName,
        String familyName,
        String loginId,
        boolean clinicalLead) {

    public static Professional of(
            Long practiceId,
            ProfessionalRole role,
            String givenName,
            String familyName,
            String loginId,
            boolean clinicalLead) {
        return new Professional(null, practiceId, role, givenName, familyName, loginId, clinicalLead);
    }

    public String displayName() {
        String title = role == ProfessionalRole.GP ? "Dr " : "";
        return title + givenName + " " + familyName;
    }
}
