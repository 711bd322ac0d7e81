package org.coordinatedcare.episode;

public enum EpisodeStatus {
    ACTIVE,
    CLOSED
}
