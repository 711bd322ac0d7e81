package org.coordinatedcare.casefinding;

import org.springframework.data.repository.ListCrudRepository;

public interface CaseFindingRunRepository extends ListCrudRepository<CaseFindingRun, Long> {
}
