package org.coordinatedcare.patient;

import java.time.LocalDate;
import java.util.List;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

public interface EncounterRepository extends ListCrudRepository<Encounter, Long> {

    @Query("select count(*) from encounter where patient_id = :patientId and type = :type and occurred_on >= :since")
    int countSince(Long patientId, String type, LocalDate since);

    List<Encounter> findByPatientIdAndOccurredOnAfterOrderByOccurredOnDesc(Long patientId, LocalDate after);
}
