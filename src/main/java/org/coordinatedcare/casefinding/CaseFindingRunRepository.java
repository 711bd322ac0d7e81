package org.coordinatedcare.casefinding;

import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

public interface CaseFindingRunRepository extends ListCrudRepository<CaseFindingRun, Long> {

    Optional<CaseFindingRun> findByProcessInstanceId(String processInstanceId);
}
