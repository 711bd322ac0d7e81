package org.coordinatedcare.patient;

import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

public interface PracticeRepository extends ListCrudRepository<Practice, Long> {

    Optional<Practice> findByOdsCode(String odsCode);

    java.util.List<Practice> findByNeighbourhood(String neighbourhood);
}
