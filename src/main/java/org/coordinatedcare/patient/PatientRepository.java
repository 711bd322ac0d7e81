package org.coordinatedcare.patient;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

public interface PatientRepository extends ListCrudRepository<Patient, Long> {

    Optional<Patient> findByNhsNumber(String nhsNumber);

    Optional<Patient> findByFhirId(String fhirId);

    List<Patient> findByPracticeId(Long practiceId);
}
