package org.coordinatedcare.team;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

public interface ProfessionalRepository extends ListCrudRepository<Professional, Long> {

    Optional<Professional> findByLoginId(String loginId);

    List<Professional> findByPracticeIdAndRoleInOrderByFamilyName(Long practiceId, Collection<ProfessionalRole> roles);
}
