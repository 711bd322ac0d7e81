package org.coordinatedcare.episode;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.coordinatedcare.patient.Practice;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What {@link EpisodeBinding} looked up in the current transaction. One step of a pathway runs the listeners of the
 * task it completes, its delegates and the listeners of the tasks it creates, and each binds to the same episode: they
 * read it once. Kept only until the transaction ends, and the episodes forgotten whenever one is saved, so a step that
 * changes its episode reads the change.
 */
final class TransactionLookups {

    private static final Object KEY = TransactionLookups.class;

    private final Map<String, Optional<Episode>> episodesByRoot = new HashMap<>();
    private final Map<Long, Optional<String>> fhirIds = new HashMap<>();
    private final Map<Long, Practice> practices = new HashMap<>();

    private TransactionLookups() {}

    /** This transaction's lookups, or none outside a transaction (each call then reads the database). */
    static Optional<TransactionLookups> current() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return Optional.empty();
        }
        TransactionLookups lookups = (TransactionLookups) TransactionSynchronizationManager.getResource(KEY);
        if (lookups == null) {
            lookups = new TransactionLookups();
            TransactionSynchronizationManager.bindResource(KEY, lookups);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
                }
            });
        }
        return Optional.of(lookups);
    }

    static Optional<Episode> episode(String rootProcessInstanceId, Function<String, Optional<Episode>> read) {
        return current()
                .map(lookups -> lookups.episodesByRoot.computeIfAbsent(rootProcessInstanceId, read))
                .orElseGet(() -> read.apply(rootProcessInstanceId));
    }

    static Optional<String> fhirId(long patientId, Function<Long, Optional<String>> read) {
        return current()
                .map(lookups -> lookups.fhirIds.computeIfAbsent(patientId, read))
                .orElseGet(() -> read.apply(patientId));
    }

    static Practice practice(long practiceId, Function<Long, Practice> read) {
        return current()
                .map(lookups -> lookups.practices.computeIfAbsent(practiceId, read))
                .orElseGet(() -> read.apply(practiceId));
    }

    /** An episode was saved in this transaction: read episodes afresh. */
    static void forgetEpisodes() {
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.getResource(KEY) instanceof TransactionLookups lookups) {
            lookups.episodesByRoot.clear();
        }
    }
}
