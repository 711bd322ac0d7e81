package org.coordinatedcare.patient;

import java.util.List;

import org.springframework.data.repository.ListCrudRepository;

public interface ConditionRepository extends ListCrudRepository<Condition, Long> {

    List<Condition> findByPatientId(Long patientId);
}
