package org.coordinatedcare.patient;

import java.time.LocalDate;

import org.springframework.data.annotation.Id;

public record Encounter(@Id Long id, Long patientId, EncounterType type, LocalDate occurredOn) {

    public static Encounter of(Long patientId, EncounterType type, LocalDate occurredOn) {
        return new Encounter(null, patientId, type, occurredOn);
    }
}
