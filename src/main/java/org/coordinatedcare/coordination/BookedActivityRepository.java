package org.coordinatedcare.coordination;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

public interface BookedActivityRepository extends ListCrudRepository<BookedActivity, Long> {

    List<BookedActivity> findByEpisodeIdOrderByBookedForAscIdAsc(Long episodeId);

    /** The next booking on or after {@code from}. */
    Optional<BookedActivity> findFirstByEpisodeIdAndBookedForGreaterThanEqualOrderByBookedForAscIdAsc(
            Long episodeId, LocalDate from);
}
