package org.coordinatedcare.referral;

import org.coordinatedcare.team.ProfessionalRole;

/**
 * Supported self-management offers and the team that receives each referral and records its response and outcome.
 * Referrals to services outside the PCN (courses, NHS Talking Therapies, personal health budgets) are tracked by the
 * practice's care coordinators.
 */
public enum ReferralType {
    SOCIAL_PRESCRIBING("Social prescribing link worker", ProfessionalRole.SOCIAL_PRESCRIBING_LINK_WORKER),
    HEALTH_COACHING("Health and wellbeing coach", ProfessionalRole.HEALTH_AND_WELLBEING_COACH),
    SELF_MANAGEMENT_COURSE("Self-management course", ProfessionalRole.CARE_COORDINATOR),
    TALKING_THERAPIES("NHS Talking Therapies", ProfessionalRole.CARE_COORDINATOR),
    PERSONAL_HEALTH_BUDGET("Personal health budget", ProfessionalRole.CARE_COORDINATOR);

    private final String label;
    private final ProfessionalRole receivingRole;

    ReferralType(String label, ProfessionalRole receivingRole) {
        this.label = label;
        this.receivingRole = receivingRole;
    }

    public String label() {
        return label;
    }

    public ProfessionalRole receivingRole() {
        return receivingRole;
    }
}
