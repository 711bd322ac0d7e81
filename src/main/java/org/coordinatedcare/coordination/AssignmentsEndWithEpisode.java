package org.coordinatedcare.coordination;

import org.coordinatedcare.episode.EpisodeClosed;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Ends the named professional's and care coordinator's assignments when their episode closes. A plain
 * {@code @EventListener}, not an after-commit one: the assignments end in the closing transaction or not at all.
 */
@Component
class AssignmentsEndWithEpisode {

    private final NamedProfessionalAssignmentRepository namedProfessionals;
    private final CoordinatorAssignmentRepository coordinators;

    AssignmentsEndWithEpisode(
            NamedProfessionalAssignmentRepository namedProfessionals, CoordinatorAssignmentRepository coordinators) {
        this.namedProfessionals = namedProfessionals;
        this.coordinators = coordinators;
    }

    @EventListener
    void on(EpisodeClosed closed) {
        long episodeId = closed.episodeId();
        namedProfessionals.findByEpisodeIdAndEndedAtIsNull(episodeId).ifPresent(a -> namedProfessionals.save(a.end()));
        coordinators.findByEpisodeIdAndEndedAtIsNull(episodeId).ifPresent(a -> coordinators.save(a.ended()));
    }
}
