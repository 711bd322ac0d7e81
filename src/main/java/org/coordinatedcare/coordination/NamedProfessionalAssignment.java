package org.coordinatedcare.coordination;

import java.time.Instant;

import org.springframework.data.annotation.Id;

/** Who oversees a patient's care and continuity during an episode; a change ends one row and starts the next. */
public record NamedProfessionalAssignment(
        @Id Long id,
        Long episodeId,
        Long professionalId,
        Instant startedAt,
        Instant endedAt,
        String assignedBy,
        String note) {

    public static NamedProfessionalAssignment start(
            Long episodeId, Long professionalId, String assignedBy, String note) {
        return new NamedProfessionalAssignment(null, episodeId, professionalId, Instant.now(), null, assignedBy, note);
    }

    public NamedProfessionalAssignment end() {
        return new NamedProfessionalAssignment(
                id, episodeId, professionalId, startedAt, Instant.now(), assignedBy, note);
    }
}
