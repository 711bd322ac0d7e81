package org.coordinatedcare.patient;

import java.time.LocalDate;
import java.time.Period;

import org.springframework.data.annotation.Id;

/** A registered patient of a practice. The NHS number is optional, but checked whenever it is present. */
public record Patient(@Id Long id, String nhsNumber, String givenName, String familyName, LocalDate birthDate,
        Long practiceId, boolean deceased) {

    public Patient {
        if (nhsNumber != null) {
            nhsNumber = NhsNumber.normalise(nhsNumber);
        }
    }

    public static Patient register(String nhsNumber, String givenName, String familyName, LocalDate birthDate, Long practiceId) {
        return new Patient(null, nhsNumber, givenName, familyName, birthDate, practiceId, false);
    }

    public Patient markDeceased() {
        return new Patient(id, nhsNumber, givenName, familyName, birthDate, practiceId, true);
    }

    public String displayName() {
        return givenName + " " + familyName;
    }

    public int ageOn(LocalDate date) {
        return Period.between(birthDate, date).getYears();
    }
}
