package org.coordinatedcare.referral;

public enum ReferralStatus {
    PROPOSED,
    SENT,
    ACCEPTED,
    DECLINED,
    COMPLETED,
    NOT_COMPLETED,
    /** Still open when the pathway ended. */
    WITHDRAWN;

    public boolean isOpen() {
        return this == PROPOSED || this == SENT || this == ACCEPTED;
    }
}
