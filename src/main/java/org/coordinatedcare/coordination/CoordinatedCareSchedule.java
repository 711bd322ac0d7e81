package org.coordinatedcare.coordination;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;

/** The activities and services the care coordinator has scheduled, and when they next contact the person. */
public record CoordinatedCareSchedule(
        @Id Long id,
        Long episodeId,
        String activities,
        LocalDate nextContactDate,
        String scheduledBy,
        Instant scheduledAt) {}
