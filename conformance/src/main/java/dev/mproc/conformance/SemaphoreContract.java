package dev.mproc.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.Process;
import dev.mproc.shared.IntValue;
import dev.mproc.sync.BoundedSemaphore;
import dev.mproc.sync.Event;
import dev.mproc.sync.Held;
import dev.mproc.sync.Semaphore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The contract of {@link Semaphore} and {@link BoundedSemaphore}, across real processes. */
// A Held exists to be closed by try-with-resources; its body never needs to name it.
@SuppressWarnings("try")
public abstract class SemaphoreContract extends BackendCombination {

    private static final Duration LONG = Duration.ofSeconds(30);
    private static final long FOREVER_MS = 120_000;

    @Test
    @DisplayName("a semaphore of 2 never lets 3 processes in at once")
    void neverMoreThanPermitsInside() throws Exception {
        Semaphore sem = context().semaphore(2);
        IntValue inside = context().intValue(0, false);
        IntValue most = context().intValue(0, false);
        IntValue passes = context().intValue(0, false);
        int rounds = 100;
        List<Process<Void>> children = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            children.add(context().process(() -> {
                for (int r = 0; r < rounds; r++) {
                    try (Held held = sem.hold()) {
                        int now = inside.incrementAndGet();
                        most.updateAndGet(m -> Math.max(m, now));
                        passes.incrementAndGet();
                        inside.decrementAndGet();
                    }
                }
            }).start());
        }
        for (Process<Void> p : children) {
            p.join();
            assertEquals(0, p.exitCode().getAsInt());
        }
        assertEquals(3 * rounds, passes.get());
        assertTrue(most.get() <= 2, "at most 2 inside at once, saw " + most.get());
        assertTrue(most.get() >= 1);
        assertEquals(2, sem.availablePermits());
    }

    @Test
    @DisplayName("permits are counted: acquisitions take them, releases add them, beyond the initial number")
    void countsPermits() throws Exception {
        Semaphore sem = context().semaphore(2);
        assertEquals(2, sem.availablePermits());
        sem.acquire();
        assertEquals(1, sem.availablePermits());
        assertTrue(sem.acquire(Duration.ofSeconds(1)));
        assertEquals(0, sem.availablePermits());
        assertFalse(sem.tryAcquire());
        assertEquals(0, sem.availablePermits());
        Process<Void> child = context().process(() -> sem.release(3)).start();
        child.join();
        assertEquals(3, sem.availablePermits(), "a child's release is seen by the parent");
        sem.release();
        assertEquals(4, sem.availablePermits(), "an unbounded semaphore grows past its initial permits");
        assertThrows(IllegalArgumentException.class, () -> sem.release(0));
        assertThrows(IllegalArgumentException.class, () -> context().semaphore(-1));
        assertThrows(NullPointerException.class, () -> sem.acquire(null));
    }

    @Test
    @DisplayName("acquire with a timeout on an empty semaphore gives up after the timeout; tryAcquire at once")
    void emptySemaphoreTimesOut() throws Exception {
        Semaphore sem = context().semaphore(0);
        assertFalse(sem.tryAcquire());
        assertFalse(sem.acquire(Duration.ZERO));
        Process<Long> child = context().task(() -> {
            long t0 = System.nanoTime();
            return sem.acquire(Duration.ofMillis(300)) ? -1L : System.nanoTime() - t0;
        }).start();
        child.join();
        assertTrue(child.result() >= TimeUnit.MILLISECONDS.toNanos(300), "waited " + child.result() + " ns");
    }

    @Test
    @DisplayName("a release wakes an acquirer blocked in another process")
    void releaseWakesBlockedChild() throws Exception {
        Semaphore sem = context().semaphore(0);
        Event started = context().event();
        Process<Boolean> child = context().task(() -> {
            started.set();
            return sem.acquire(LONG);
        }).start();
        assertTrue(started.await(LONG));
        sem.release();
        child.join();
        assertTrue(child.result());
        assertEquals(0, sem.availablePermits());
    }

    @Test
    @DisplayName("a bounded semaphore refuses a release beyond its bound with IllegalStateException, adding nothing")
    void boundedOverRelease() throws Exception {
        BoundedSemaphore sem = context().boundedSemaphore(2);
        assertEquals(2, sem.bound());
        assertThrows(IllegalStateException.class, sem::release);
        assertEquals(2, sem.availablePermits());
        sem.acquire();
        sem.acquire();
        assertThrows(IllegalStateException.class, () -> sem.release(3), "all or nothing");
        assertEquals(0, sem.availablePermits());
        Process<String> child = context().task(() -> {
            sem.release(2);
            try {
                sem.release();
                return "accepted";
            } catch (IllegalStateException e) {
                return "refused";
            }
        }).start();
        child.join();
        assertEquals("refused", child.result());
        assertEquals(2, sem.availablePermits());
    }

    @Test
    @DisplayName("a permit held through hold() by a child killed with SIGKILL returns, and its next taker is told")
    void heldPermitOfKilledChildReturns() throws Exception {
        Semaphore sem = context().semaphore(1);
        Event held = context().event();
        Process<Void> child = context().process(() -> {
            sem.hold();
            held.set();
            Thread.sleep(FOREVER_MS);
        }).start();
        assertTrue(held.await(LONG));
        assertEquals(0, sem.availablePermits());
        child.kill();
        child.join();
        assertTrue(sem.acquire(LONG), "the dead child's permit came back");
        assertTrue(sem.lastOwnerDied());
        sem.release();
        assertTrue(sem.acquire(LONG));
        assertFalse(sem.lastOwnerDied(), "each returned permit is reported once");
        sem.release();
    }

    @Test
    @DisplayName("a permit taken with acquire() by a child that dies is consumed, not returned")
    void acquiredPermitOfDeadChildIsConsumed() throws Exception {
        Semaphore sem = context().semaphore(1);
        Process<Void> child = context().process(sem::acquire).start();
        child.join();
        assertEquals(0, child.exitCode().getAsInt());
        assertEquals(0, sem.availablePermits());
        assertFalse(sem.tryAcquire());
    }

    @Test
    @DisplayName("an interrupted acquire takes no permit")
    void interruptedAcquireTakesNothing() throws Exception {
        Semaphore sem = context().semaphore(0);
        Call waiter = inThread(() -> sem.acquire());
        assertEquals(InterruptedException.class, waiter.interruptAndAwait().getClass());
        sem.release();
        assertEquals(1, sem.availablePermits());
    }
}
