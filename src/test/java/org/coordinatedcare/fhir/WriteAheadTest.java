package org.coordinatedcare.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class WriteAheadTest {

    @Test
    void writesRunInTheOrderTheyWereSubmittedOnAThreadOfTheirOwn() {
        List<String> written = new CopyOnWriteArrayList<>();
        String caller = Thread.currentThread().getName();
        try (WriteAhead writes = new WriteAhead(2)) {
            for (int i = 0; i < 20; i++) {
                int batch = i;
                writes.submit(
                        () -> written.add(batch + " " + Thread.currentThread().getName()));
            }
        }
        assertThat(written).hasSize(20);
        for (int i = 0; i < 20; i++) {
            assertThat(written.get(i)).isEqualTo(i + " fhir-import-writes").doesNotContain(caller);
        }
    }

    @Test
    void closeWaitsUntilEveryWriteHasFinished() {
        AtomicInteger finished = new AtomicInteger();
        try (WriteAhead writes = new WriteAhead(3)) {
            for (int i = 0; i < 3; i++) {
                writes.submit(() -> {
                    sleep(50);
                    finished.incrementAndGet();
                });
            }
        }
        assertThat(finished).hasValue(3);
    }

    @Test
    void theCallerWaitsOnceAsManyWritesAsAllowedAreQueued() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger submitted = new AtomicInteger();
        Thread caller = new Thread(() -> {
            try (WriteAhead writes = new WriteAhead(2)) {
                for (int i = 0; i < 5; i++) {
                    writes.submit(() -> await(release));
                    submitted.incrementAndGet();
                }
            }
        });
        caller.start();
        Thread.sleep(200);
        assertThat(submitted)
                .as("two queued, the third waits for the first to finish")
                .hasValue(2);
        release.countDown();
        caller.join(5_000);
        assertThat(submitted).hasValue(5);
    }

    @Test
    void aFailedWriteIsRethrownToTheCallerAndLaterWritesStillFinishBeforeClose() {
        AtomicInteger after = new AtomicInteger();
        assertThatThrownBy(() -> {
                    try (WriteAhead writes = new WriteAhead(1)) {
                        writes.submit(() -> {
                            throw new IllegalStateException("database refused");
                        });
                        writes.submit(after::incrementAndGet);
                        writes.submit(after::incrementAndGet);
                    }
                })
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("database refused");
        assertThat(after).as("the caller stopped at its next submit").hasValue(0);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
