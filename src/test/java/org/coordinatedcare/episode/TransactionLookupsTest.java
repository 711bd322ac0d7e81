package org.coordinatedcare.episode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.coordinatedcare.EngineTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.relational.core.conversion.MutableAggregateChange;
import org.springframework.data.relational.core.mapping.event.AfterSaveEvent;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A step's listeners and delegates share one read of their episode, and read it again once it has been saved. */
@EngineTest
class TransactionLookupsTest {

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    ApplicationEventPublisher events;

    private final AtomicInteger reads = new AtomicInteger();
    private final Function<String, Optional<Episode>> read = root -> {
        reads.incrementAndGet();
        return Optional.of(Episode.open(1L, 2L, 3, root));
    };

    @Test
    void aTransactionReadsItsEpisodeOnce() {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            TransactionLookups.episode("root-a", read);
            TransactionLookups.episode("root-a", read);
            TransactionLookups.episode("root-b", read);
        });

        assertThat(reads).hasValue(2);
    }

    @Test
    void savingAnEpisodeMakesTheTransactionReadEpisodesAfresh() {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            Episode episode = TransactionLookups.episode("root-a", read).orElseThrow();
            events.publishEvent(new AfterSaveEvent<>(episode, MutableAggregateChange.forSave(episode)));
            TransactionLookups.episode("root-a", read);
        });

        assertThat(reads).hasValue(2);
    }

    @Test
    void aNewTransactionAndWorkOutsideOneReadTheDatabase() {
        new TransactionTemplate(transactions)
                .executeWithoutResult(status -> TransactionLookups.episode("root-a", read));
        new TransactionTemplate(transactions)
                .executeWithoutResult(status -> TransactionLookups.episode("root-a", read));
        TransactionLookups.episode("root-a", read);
        TransactionLookups.episode("root-a", read);

        assertThat(reads).hasValue(4);
    }
}
