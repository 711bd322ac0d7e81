package org.coordinatedcare.patient;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A patient's contact preferences. Kept beside {@link Patient} rather than in it: only the FHIR import writes them and
 * only the Patient tab reads them, so the record every feature passes around stays as it is.
 */
@Component
public class PatientContacts {

    private final JdbcClient jdbc;

    public PatientContacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty when the register holds none for the patient. */
    public Optional<ContactPreferences> of(long patientId) {
        return jdbc.sql("select phone, email, preferred_language from patient where id = ?")
                .param(patientId)
                .query((rs, n) -> new ContactPreferences(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional()
                .filter(c -> !c.isEmpty());
    }
}
