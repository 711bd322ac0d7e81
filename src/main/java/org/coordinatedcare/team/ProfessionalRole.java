package org.coordinatedcare.team;

/**
 * The professional roles of a PCN team. Each role is a Camunda group ({@link #group()}) and, per practice, a
 * practice-scoped group ({@code gp-A81001}) that user tasks name as candidates.
 */
public enum ProfessionalRole {
    GP("gp", "GP"),
    PRACTICE_NURSE("practice-nurse", "Practice nurse"),
    CARE_COORDINATOR("care-coordinator", "Care coordinator"),
    SOCIAL_PRESCRIBING_LINK_WORKER("social-prescriber", "Social prescribing link worker"),
    HEALTH_AND_WELLBEING_COACH("health-coach", "Health and wellbeing coach"),
    PHARMACIST("pharmacist", "Clinical pharmacist"),
    COMMUNITY_NURSE("community-nurse", "Community nurse"),
    SOCIAL_WORKER("social-worker", "Social worker");

    /** Group of the GPs and nurses who lead clinically in a practice; they assign named professionals and coordinators. */
    public static final String CLINICAL_LEAD_GROUP = "clinical-lead";

    private final String group;
    private final String label;

    ProfessionalRole(String group, String label) {
        this.group = group;
        this.label = label;
    }

    public String group() {
        return group;
    }

    public String label() {
        return label;
    }

    /** The practice-scoped candidate group, e.g. {@code care-coordinator-A81001}. */
    public String groupAt(String practiceCode) {
        return group + "-" + practiceCode;
    }

    /**
     * The candidate group of a neighbourhood MDT meeting's tasks, e.g. {@code mdt-borough}: every professional of the
     * neighbourhood's practices (all roles here are MDT roles).
     */
    public static String mdtGroupOf(String neighbourhood) {
        return "mdt-"
                + neighbourhood
                        .toLowerCase(java.util.Locale.ROOT)
                        .replaceAll("[^a-z0-9]+", "-")
                        .replaceAll("(^-|-$)", "");
    }

    /** Named professionals are the GP or nurse who oversees care and continuity. */
    public boolean canBeNamedProfessional() {
        return this == GP || this == PRACTICE_NURSE;
    }
}
