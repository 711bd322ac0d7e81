package org.coordinatedcare.document;

public enum DocumentKind {
    INVITATION_LETTER,
    REMINDER_LETTER,
    REFERRAL_LETTER,
    CARE_PLAN
}
