package org.coordinatedcare.coordination;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;

/** One activity the care coordinator booked: what, with whom and on which day. */
public record BookedActivity(
        @Id Long id,
        Long episodeId,
        Long scheduleId,
        String activity,
        String withWhom,
        LocalDate bookedFor,
        String bookedBy,
        Instant bookedAt) {}
