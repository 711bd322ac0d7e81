package org.coordinatedcare.patient;

import java.time.LocalDate;
import java.time.Period;
import java.util.UUID;

import org.springframework.data.annotation.Id;

/**
 * A registered patient of a practice. The NHS number is optional, but checked whenever it is present. {@code fhirId}
 * is the logical id of the FHIR Patient the row was imported from; a patient entered here gets a FHIR-style id of
 * ours ({@code local-<uuid>}), so every patient has the one address our interfaces know them by (ADR 0019). The row
 * {@code id} is internal: it joins our tables and appears in no answer.
 */
public record Patient(
        @Id Long id,
        String nhsNumber,
        String givenName,
        String familyName,
        LocalDate birthDate,
        Long practiceId,
        boolean deceased,
        String fhirId) {

    public Patient {
        if (nhsNumber != null) {
            nhsNumber = NhsNumber.normalise(nhsNumber);
        }
    }

    public static Patient register(
            String nhsNumber, String givenName, String familyName, LocalDate birthDate, Long practiceId) {
        return new Patient(
                null, nhsNumber, givenName, familyName, birthDate, practiceId, false, "local-" + UUID.randomUUID());
    }

    public Patient markDeceased() {
        return new Patient(id, nhsNumber, givenName, familyName, birthDate, practiceId, true, fhirId);
    }

    public String displayName() {
        return givenName + " " + familyName;
    }

    public int ageOn(LocalDate date) {
        return Period.between(birthDate, date).getYears();
    }
}
