package org.coordinatedcare.episode;

/**
 * An episode has just been closed. Published by {@link EpisodeCloser} inside the closing transaction, so the features
 * that own what ends with the episode (assignments, open referrals) react with plain synchronous
 * {@code @EventListener}s and their rows commit or roll back with the closure; the episode needs to know none of them.
 */
public record EpisodeClosed(long episodeId, ClosureReason reason) {}
