package org.coordinatedcare.patient;

import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A coded problem (SNOMED CT) with its onset and, once resolved, its abatement date. */
@Table("patient_condition")
public record Condition(
        @Id Long id,
        Long patientId,
        String snomedCode,
        String description,
        LocalDate onsetDate,
        LocalDate abatementDate) {

    public static Condition diagnosed(Long patientId, String snomedCode, String description, LocalDate onsetDate) {
        return new Condition(null, patientId, snomedCode, description, onsetDate, null);
    }

    public boolean isActive() {
        return abatementDate == null;
    }
}
