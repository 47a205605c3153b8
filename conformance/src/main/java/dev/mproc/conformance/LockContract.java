package dev.mproc.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.Process;
import dev.mproc.shared.IntValue;
import dev.mproc.sync.Event;
import dev.mproc.sync.Held;
import dev.mproc.sync.Lock;
import dev.mproc.sync.RLock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The contract of {@link Lock} and {@link RLock}, across real processes. */
// A Held exists to be closed by try-with-resources; its body never needs to name it.
@SuppressWarnings("try")
public abstract class LockContract extends BackendCombination {

    private static final Duration LONG = Duration.ofSeconds(30);
    private static final long FOREVER_MS = 120_000;

    @Test
    @DisplayName("two children each doing lock-protected increments (read, then set) reach the exact total")
    void lockProtectedIncrements() throws Exception {
        Lock lock = context().lock();
        IntValue counter = context().intValue(0, false);
        int n = 300;
        Process<Void> a = context().process(() -> increment(lock, counter, n)).start();
        Process<Void> b = context().process(() -> increment(lock, counter, n)).start();
        a.join();
        b.join();
        assertEquals(0, a.exitCode().getAsInt());
        assertEquals(0, b.exitCode().getAsInt());
        assertEquals(2 * n, counter.get());
        assertFalse(lock.isLocked());
    }

    private static void increment(Lock lock, IntValue counter, int times) throws InterruptedException {
        for (int i = 0; i < times; i++) {
            try (Held held = lock.hold()) {
                counter.set(counter.get() + 1);
            }
        }
    }

    @Test
    @DisplayName("a lock is not reentrant, and releasing it when unheld throws IllegalStateException")
    void notReentrantAndUnheldReleaseFails() throws Exception {
        Lock lock = context().lock();
        assertFalse(lock.isLocked());
        assertThrows(IllegalStateException.class, lock::release);
        lock.acquire();
        assertTrue(lock.isLocked());
        assertFalse(lock.tryAcquire(), "the holder itself cannot acquire again");
        assertFalse(lock.acquire(Duration.ofMillis(50)));
        lock.release();
        assertFalse(lock.isLocked());
        assertThrows(IllegalStateException.class, lock::release);
        Held held = lock.hold();
        held.close();
        held.close();
        assertFalse(lock.isLocked(), "a second close of a hold releases nothing");
        assertTrue(lock.tryAcquire(), "and the lock is free, not over-released");
        lock.release();
    }

    @Test
    @DisplayName("a lock acquired in a child is seen locked by the parent, which may release it")
    void acquiredInChildReleasedByParent() throws Exception {
        Lock lock = context().lock();
        Event held = context().event();
        Event released = context().event();
        Process<Boolean> child = context().task(() -> {
            boolean got = lock.tryAcquire();
            held.set();
            released.await();
            return got;
        }).start();
        assertTrue(held.await(LONG));
        assertTrue(lock.isLocked());
        assertFalse(lock.tryAcquire());
        lock.release();
        assertFalse(lock.isLocked());
        released.set();
        child.join();
        assertTrue(child.result());
        assertTrue(lock.tryAcquire(), "the child's exit, after the release, recovers nothing");
        assertFalse(lock.lastOwnerDied());
        lock.release();
    }

    @Test
    @DisplayName("acquire with a timeout gives up after the timeout while another process holds the lock")
    void acquireTimesOut() throws Exception {
        Lock lock = context().lock();
        Event held = context().event();
        Event done = context().event();
        Process<Void> child = context().process(() -> {
            lock.acquire();
            held.set();
            done.await();
            lock.release();
        }).start();
        assertTrue(held.await(LONG));
        long t0 = System.nanoTime();
        assertFalse(lock.acquire(Duration.ofMillis(300)));
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(300), "waited the timeout");
        assertFalse(lock.tryAcquire());
        assertFalse(lock.acquire(Duration.ZERO));
        done.set();
        assertTrue(lock.acquire(LONG), "acquired once the child released");
        assertFalse(lock.lastOwnerDied());
        lock.release();
        child.join();
        assertThrows(NullPointerException.class, () -> lock.acquire(null));
    }

    @Test
    @DisplayName("a lock held by a child killed with SIGKILL goes to the waiting acquirer, which learns the owner died")
    void lockOfKilledChildIsRecovered() throws Exception {
        Lock lock = context().lock();
        Event held = context().event();
        Process<Void> child = context().process(() -> {
            lock.acquire();
            held.set();
            Thread.sleep(FOREVER_MS);
        }).start();
        assertTrue(held.await(LONG));
        CompletableFuture<Boolean> waiter = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                lock.acquire();
                waiter.complete(lock.lastOwnerDied());
                lock.release();
            } catch (Throwable e) {
                waiter.completeExceptionally(e);
            }
        });
        t.start();
        child.kill();
        child.join();
        assertEquals(-9, child.exitCode().getAsInt());
        assertTrue(waiter.get(30, TimeUnit.SECONDS), "the acquirer that recovered the lock is told the owner died");
        assertTrue(lock.acquire(LONG));
        assertFalse(lock.lastOwnerDied(), "only the acquisition that recovered the lock reports it");
        lock.release();
    }

    @Test
    @DisplayName("an interrupted acquire takes nothing: after it the lock is free for another process")
    void interruptedAcquireTakesNothing() throws Exception {
        Lock lock = context().lock();
        lock.acquire();
        Call waiter = inThread(() -> lock.acquire());
        assertEquals(InterruptedException.class, waiter.interruptAndAwait().getClass());
        lock.release();
        assertFalse(lock.isLocked(), "the interrupted waiter did not take the lock on release");
        Process<Boolean> child = context().task(() -> {
            boolean got = lock.tryAcquire();
            lock.release();
            return got;
        }).start();
        child.join();
        assertTrue(child.result());
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, lock::acquire, "interrupted on entry");
        assertFalse(lock.isLocked());
    }

    @Test
    @DisplayName("an acquire interrupted while the lock is being handed to it never leaves the lock taken")
    void interruptRacingTheGrantNeverLeaks() throws Exception {
        Lock lock = context().lock();
        for (int i = 0; i < 200; i++) {
            lock.acquire();
            CompletableFuture<Boolean> got = new CompletableFuture<>();
            Thread waiter = new Thread(() -> {
                try {
                    lock.acquire();
                    got.complete(true);
                } catch (InterruptedException e) {
                    got.complete(false);
                }
            });
            waiter.start();
            lock.release();
            waiter.interrupt();
            boolean acquired = got.get(30, TimeUnit.SECONDS);
            waiter.join();
            if (acquired) {
                lock.release();
            }
            assertFalse(lock.isLocked(), "round " + i + ": the waiter " + (acquired ? "acquired" : "was interrupted"));
        }
    }

    @Test
    @DisplayName("an RLock counts recursion: locked for every process until its owner's last release")
    void rlockRecursion() throws Exception {
        RLock lock = context().rlock();
        assertEquals(0, lock.holdCount());
        lock.acquire();
        assertTrue(lock.acquire(Duration.ZERO));
        assertTrue(lock.tryAcquire());
        assertEquals(3, lock.holdCount());
        assertTrue(lock.isHeldByCurrentThread());
        Process<String> child = context().task(() -> lock.isLocked() + " " + lock.tryAcquire() + " "
                + lock.holdCount()).start();
        child.join();
        assertEquals("true false 0", child.result());
        lock.release();
        lock.release();
        assertTrue(lock.isLocked());
        assertEquals(1, lock.holdCount());
        lock.release();
        assertFalse(lock.isLocked());
        assertFalse(lock.isHeldByCurrentThread());
    }

    @Test
    @DisplayName("an RLock can be released only by its owner: another process, another thread, or nobody, fail")
    void rlockOwnerOnlyRelease() throws Exception {
        RLock lock = context().rlock();
        assertThrows(IllegalStateException.class, lock::release, "unheld");
        lock.acquire();
        Process<String> child = context().task(() -> {
            try {
                lock.release();
                return "released";
            } catch (IllegalStateException e) {
                return "refused";
            }
        }).start();
        child.join();
        assertEquals("refused", child.result());
        Call t = inThread(() -> lock.release());
        assertEquals(IllegalStateException.class, t.ended().get(30, TimeUnit.SECONDS).getClass());
        assertTrue(lock.isHeldByCurrentThread());
        lock.release();
        assertFalse(lock.isLocked());
    }

    @Test
    @DisplayName("an RLock whose owner process dies is recovered whole, whatever its recursion count")
    void rlockOfKilledChildIsRecovered() throws Exception {
        RLock lock = context().rlock();
        Event held = context().event();
        Process<Void> child = context().process(() -> {
            lock.acquire();
            lock.acquire();
            held.set();
            Thread.sleep(FOREVER_MS);
        }).start();
        assertTrue(held.await(LONG));
        child.kill();
        child.join();
        assertTrue(lock.acquire(LONG));
        assertTrue(lock.lastOwnerDied());
        assertEquals(1, lock.holdCount());
        assertTrue(lock.tryAcquire());
        assertTrue(lock.lastOwnerDied(), "a re-entrant acquisition does not change the flag");
        lock.release();
        lock.release();
        assertFalse(lock.isLocked());
    }
}
