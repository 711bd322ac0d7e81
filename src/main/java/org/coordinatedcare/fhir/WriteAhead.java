package org.coordinatedcare.fhir;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * An import's batch writes, run one after another in order on a thread of their own, so the importing thread parses
 * the next batch (HAPI, CPU) while the database writes this one (the importing thread would otherwise wait on it).
 * At most {@code ahead} writes are queued, so memory stays a few batches whatever the import's size. A write that
 * fails is rethrown to the importing thread at its next {@link #submit} or at {@link #close}, which waits for every
 * write, so an import never returns while one of its batches is still being written.
 */
final class WriteAhead implements AutoCloseable {

    private final ExecutorService thread = Executors.newSingleThreadExecutor(work -> {
        Thread writer = new Thread(work, "fhir-import-writes");
        writer.setDaemon(true);
        return writer;
    });
    private final Deque<Future<?>> queued = new ArrayDeque<>();
    private final int ahead;

    WriteAhead(int ahead) {
        this.ahead = ahead;
    }

    void submit(Runnable write) {
        while (!queued.isEmpty()
                && (queued.size() >= ahead || queued.peekFirst().isDone())) {
            await(queued.removeFirst());
        }
        queued.addLast(thread.submit(write));
    }

    @Override
    public void close() {
        try {
            while (!queued.isEmpty()) {
                await(queued.removeFirst());
            }
        } finally {
            thread.shutdown();
        }
    }

    private static void await(Future<?> write) {
        try {
            write.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the import's writes", e);
        }
    }
}
