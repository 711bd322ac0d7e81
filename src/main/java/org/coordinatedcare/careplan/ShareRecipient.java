package org.coordinatedcare.careplan;

/** Everyone a care plan can be shared with: "family, GP, nurse, hospital" and the wider team. */
public enum ShareRecipient {
    PATIENT("The person"),
    FAMILY_OR_CARER("Family or carer"),
    GP("GP"),
    PRACTICE_NURSE("Practice nurse"),
    HOSPITAL("Hospital team"),
    COMMUNITY_SERVICES("Community services"),
    SOCIAL_CARE("Social care");

    private final String label;

    ShareRecipient(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
