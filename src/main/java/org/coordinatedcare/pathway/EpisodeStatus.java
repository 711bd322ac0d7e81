package org.coordinatedcare.pathway;

public enum EpisodeStatus {
    ACTIVE,
    CLOSED
}
