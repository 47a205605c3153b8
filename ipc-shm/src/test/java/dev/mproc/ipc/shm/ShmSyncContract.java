package dev.mproc.ipc.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.Process;
import dev.mproc.conformance.BackendCombination;
import dev.mproc.conformance.ProcStat;
import dev.mproc.shared.IntValue;
import dev.mproc.sync.Barrier;
import dev.mproc.sync.Condition;
import dev.mproc.sync.Event;
import dev.mproc.sync.Held;
import dev.mproc.sync.Lock;
import dev.mproc.sync.RLock;
import dev.mproc.sync.Semaphore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the shared-memory synchronizers must do beyond the kit: exact totals under contention of several
 * processes, recovery seen by a blocked acquirer in another process, futex waits that honour their timeouts, and
 * blocked waiters that sleep instead of spinning.
 */
// A Held exists to be closed by try-with-resources; its body never needs to name it.
@SuppressWarnings("try")
abstract class ShmSyncContract extends BackendCombination {

    private static final Duration LONG = Duration.ofSeconds(30);
    private static final long FOREVER_MS = 120_000;

    @Test
    @DisplayName("three children × 100 000 increments (read, then set) under an IntValue's own lock reach the exact total")
    void contendedLockedIncrements() throws Exception {
        IntValue counter = context().intValue(0);
        Event go = context().event();
        int n = 100_000;
        List<Process<Void>> children = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            children.add(context().process(() -> {
                RLock lock = counter.lock().orElseThrow();
                go.await();
                for (int i = 0; i < n; i++) {
                    try (Held held = lock.hold()) {
                        counter.set(counter.get() + 1);
                    }
                }
            }).start());
        }
        go.set();
        for (Process<Void> p : children) {
            p.join();
            assertEquals(0, p.exitCode().getAsInt());
        }
        assertEquals(3 * n, counter.get());
        assertFalse(counter.lock().orElseThrow().isLocked());
    }

    @Test
    @DisplayName("two children × 100 000 increments under a plain Lock of a lock-free IntValue reach the exact total")
    void contendedPlainLockIncrements() throws Exception {
        Lock lock = context().lock();
        IntValue counter = context().intValue(0, false);
        int n = 100_000;
        List<Process<Void>> children = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            children.add(context().process(() -> {
                for (int i = 0; i < n; i++) {
                    lock.acquire();
                    try {
                        counter.set(counter.get() + 1);
                    } finally {
                        lock.release();
                    }
                }
            }).start());
        }
        for (Process<Void> p : children) {
            p.join();
            assertEquals(0, p.exitCode().getAsInt());
        }
        assertEquals(2 * n, counter.get());
    }

    @Test
    @DisplayName("a child blocked on a Lock whose holder is SIGKILLed recovers it and learns the owner died")
    void blockedChildRecoversLockOfKilledHolder() throws Exception {
        Lock lock = context().lock();
        Event held = context().event();
        Event waiting = context().event();
        Process<Void> holder = context().process(() -> {
            lock.acquire();
            held.set();
            Thread.sleep(FOREVER_MS);
        }).start();
        assertTrue(held.await(LONG));
        Process<String> waiter = context().task(() -> {
            waiting.set();
            if (!lock.acquire(LONG)) {
                return "timed out";
            }
            boolean died = lock.lastOwnerDied();
            lock.release();
            boolean again = lock.acquire(LONG) && lock.lastOwnerDied();
            lock.release();
            return died + " " + again;
        }).start();
        assertTrue(waiting.await(LONG));
        holder.kill();
        holder.join();
        waiter.join();
        assertEquals("true false", waiter.result(), "recovered once, reported once");
        assertFalse(lock.isLocked());
    }

    @Test
    @DisplayName("a Lock left by a SIGKILLed child is free for isLocked and recovered by tryAcquire, which is told")
    void tryAcquireRecoversLockOfKilledChild() throws Exception {
        Lock lock = context().lock();
        Event held = context().event();
        Process<Void> holder = context().process(() -> {
            lock.acquire();
            held.set();
            Thread.sleep(FOREVER_MS);
        }).start();
        assertTrue(held.await(LONG));
        assertTrue(lock.isLocked());
        assertFalse(lock.tryAcquire());
        holder.kill();
        holder.join();
        assertFalse(lock.isLocked(), "a dead process holds nothing");
        assertTrue(lock.tryAcquire());
        assertTrue(lock.lastOwnerDied());
        assertTrue(lock.isLocked());
        lock.release();
        assertTrue(lock.tryAcquire());
        assertFalse(lock.lastOwnerDied());
        lock.release();
    }

    @Test
    @DisplayName("an RLock held by a SIGKILLed child is recovered by a blocked waiter in the parent at count 1")
    void rlockOfKilledChildRecoveredByBlockedWaiter() throws Exception {
        RLock lock = context().rlock();
        Event held = context().event();
        Process<Void> holder = context().process(() -> {
            lock.acquire();
            lock.acquire();
            lock.acquire();
            held.set();
            Thread.sleep(FOREVER_MS);
        }).start();
        assertTrue(held.await(LONG));
        Thread killer = new Thread(() -> {
            try {
                Thread.sleep(200);
                holder.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        killer.start();
        assertTrue(lock.acquire(LONG));
        assertTrue(lock.lastOwnerDied());
        assertEquals(1, lock.holdCount());
        lock.release();
        assertFalse(lock.isLocked());
        killer.join();
        holder.join();
    }

    @Test
    @DisplayName("two permits held through hold() by a SIGKILLed child come back, each reported to one acquirer")
    void heldPermitsOfKilledChildReturnEachReportedOnce() throws Exception {
        Semaphore sem = context().semaphore(3);
        Event held = context().event();
        Process<Void> holder = context().process(() -> {
            sem.hold();
            sem.hold();
            held.set();
            Thread.sleep(FOREVER_MS);
        }).start();
        assertTrue(held.await(LONG));
        assertTrue(sem.acquire(LONG));
        assertFalse(sem.lastOwnerDied(), "the free permit was nobody's");
        holder.kill();
        holder.join();
        assertTrue(sem.acquire(LONG), "blocked until the dead child's permits came back");
        boolean first = sem.lastOwnerDied();
        assertTrue(sem.acquire(LONG));
        boolean second = sem.lastOwnerDied();
        assertTrue(first && second, "both returned permits are reported: " + first + ", " + second);
        sem.release(3);
        assertTrue(sem.acquire(LONG));
        assertFalse(sem.lastOwnerDied(), "and only once each");
        sem.release();
        assertEquals(3, sem.availablePermits());
    }

    @Test
    @DisplayName("a condition's signal skips a waiter whose process was SIGKILLed and wakes a live one")
    void signalSkipsDeadWaiter() throws Exception {
        Condition cond = context().condition();
        IntValue waiting = context().intValue(0, false);
        Process<Void> victim = context().process(() -> {
            try (Held held = cond.lock().hold()) {
                waiting.incrementAndGet();
                cond.await();
            }
        }).start();
        awaitValue(waiting, 1);
        Process<Boolean> survivor = context().task(() -> {
            try (Held held = cond.lock().hold()) {
                waiting.incrementAndGet();
                return cond.await(LONG);
            }
        }).start();
        awaitValue(waiting, 2);
        victim.kill();
        victim.join();
        try (Held held = cond.lock().hold()) {
            // Once we hold the lock, both waiters have released it: the victim's ticket is older than the survivor's.
            cond.signal();
        }
        survivor.join();
        assertTrue(survivor.result(), "the live waiter was signalled, not the dead one's ticket");
    }

    private static void awaitValue(IntValue value, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (value.get() < expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("value never reached " + expected);
            }
            Thread.sleep(1);
        }
    }

    @Test
    @DisplayName("a wait blocked on an object whose owner process exits fails with MprocException instead of hanging")
    void ownerExitWakesBlockedWaiter() throws Exception {
        dev.mproc.queue.Queue<Event> handOver = context().queue();
        Event exit = context().event();
        Process<Void> owner = context().process(() -> {
            handOver.put(dev.mproc.Mproc.context().event());
            exit.await();
        }).start();
        Event orphan = handOver.get(LONG);
        Event waiting = context().event();
        Process<String> waiter = context().task(() -> {
            try {
                orphan.isSet(); // attached while the owner lives; the wait below outlives it
                waiting.set();
                return "returned " + orphan.await(LONG);
            } catch (dev.mproc.MprocException e) {
                return "failed: " + e.getMessage();
            }
        }).start();
        assertTrue(waiting.await(LONG));
        exit.set();
        owner.join();
        waiter.join();
        assertTrue(waiter.result().startsWith("failed: the owner of this event (process " + owner.pid().getAsLong()
                + ") has exited"), waiter.result());
    }

    @Test
    @DisplayName("futex waits honour their timeouts: Lock, Semaphore, Event, Condition, Barrier give up on time")
    void waitsTimeOut() throws Exception {
        Lock lock = context().lock();
        Event held = context().event();
        Event done = context().event();
        Process<Void> holder = context().process(() -> {
            lock.acquire();
            held.set();
            done.await();
            lock.release();
        }).start();
        assertTrue(held.await(LONG));
        assertTimesOut(150, () -> lock.acquire(Duration.ofMillis(150)));
        assertTimesOut(30, () -> lock.acquire(Duration.ofMillis(30)));
        done.set();
        holder.join();
        Semaphore sem = context().semaphore(0);
        assertTimesOut(150, () -> sem.acquire(Duration.ofMillis(150)));
        Event never = context().event();
        assertTimesOut(150, () -> never.await(Duration.ofMillis(150)));
        Condition cond = context().condition();
        try (Held h = cond.lock().hold()) {
            assertTimesOut(150, () -> cond.await(Duration.ofMillis(150)));
        }
        Barrier barrier = context().barrier(2);
        long t0 = System.nanoTime();
        try {
            barrier.await(Duration.ofMillis(150));
            throw new AssertionError("a barrier of 2 passed with one party");
        } catch (java.util.concurrent.TimeoutException expected) {
            long waited = System.nanoTime() - t0;
            assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(150), "waited " + waited + " ns");
            assertTrue(waited < TimeUnit.SECONDS.toNanos(5), "waited " + waited + " ns");
        }
    }

    private interface TimedWait {
        boolean run() throws Exception;
    }

    private static void assertTimesOut(long timeoutMs, TimedWait wait) throws Exception {
        long t0 = System.nanoTime();
        assertFalse(wait.run(), "the wait succeeded");
        long waited = System.nanoTime() - t0;
        assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(timeoutMs), "returned early, after " + waited + " ns");
        assertTrue(waited < TimeUnit.SECONDS.toNanos(5), "overslept: " + waited + " ns for " + timeoutMs + " ms");
    }

    @Test
    @DisplayName("a child blocked on a Lock, an Event and a Semaphore sleeps: its CPU time hardly moves while blocked")
    void blockedWaiterBurnsNoCpu() throws Exception {
        Lock lock = context().lock();
        Event never = context().event();
        Semaphore empty = context().semaphore(0);
        Event blocking = context().event();
        lock.acquire();
        Process<Void> child = context().process(() -> {
            Thread a = new Thread(() -> {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread b = new Thread(() -> {
                try {
                    empty.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            a.setDaemon(true);
            b.setDaemon(true);
            a.start();
            b.start();
            blocking.set();
            lock.acquire();
        }).start();
        assertTrue(blocking.await(LONG));
        long pid = child.pid().getAsLong();
        Thread.sleep(1000); // let the child's JVM finish its start-up work and the waiters reach their futex sleeps
        long before = cpuTicks(pid);
        long t0 = System.nanoTime();
        Thread.sleep(2000);
        long after = cpuTicks(pid);
        long elapsedTicks = (System.nanoTime() - t0) / 10_000_000L; // USER_HZ is 100 on Linux
        assertTrue(child.isAlive());
        assertTrue(ProcStat.state(pid) != null, "the child process exists");
        // Three spinning threads would use 3 × 200 ticks; sleeping ones use next to nothing.
        assertTrue(after - before < elapsedTicks / 10, "the blocked child used " + (after - before)
                + " ticks of CPU in " + elapsedTicks + " ticks");
        lock.release();
        child.join();
        assertEquals(0, child.exitCode().getAsInt());
    }

    /** @return utime + stime of a process, in clock ticks, from /proc/pid/stat */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    @Test
    @DisplayName("a condition hands a token back and forth between two processes 2 000 times")
    void conditionPingPong() throws Exception {
        Condition cond = context().condition();
        IntValue turn = context().intValue(0, false);
        int rounds = 1000;
        Process<Void> other = context().process(() -> play(cond, turn, 1, rounds)).start();
        play(cond, turn, 0, rounds);
        other.join();
        assertEquals(0, other.exitCode().getAsInt());
        assertEquals(2 * rounds, turn.get());
    }

    private static void play(Condition cond, IntValue turn, int parity, int rounds) throws InterruptedException {
        for (int i = 0; i < rounds; i++) {
            try (Held held = cond.lock().hold()) {
                if (!cond.awaitUntil(() -> turn.get() % 2 == parity, LONG)) {
                    throw new IllegalStateException("the other side never played, at " + turn.get());
                }
                turn.incrementAndGet();
                cond.signalAll();
            }
        }
    }

    @Test
    @DisplayName("a barrier of four parties in four processes passes 200 times, its action once per pass")
    void barrierManyPasses() throws Exception {
        IntValue runs = context().intValue(0, false);
        Barrier barrier = context().barrier(4, () -> runs.incrementAndGet());
        int passes = 200;
        List<Process<Integer>> children = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            children.add(context().task(() -> passAll(barrier, runs, passes)).start());
        }
        int zeros = passAll(barrier, runs, passes);
        for (Process<Integer> p : children) {
            p.join();
            zeros += p.result();
        }
        assertEquals(passes, zeros, "exactly one party is first in each pass");
        assertEquals(passes, runs.get());
        assertFalse(barrier.isBroken());
    }

    private static int passAll(Barrier barrier, IntValue runs, int passes) throws Exception {
        int zeros = 0;
        for (int i = 0; i < passes; i++) {
            if (barrier.await(LONG) == 0) {
                zeros++;
            }
            if (runs.get() < i + 1) {
                throw new IllegalStateException("released from pass " + i + " before its action ran");
            }
        }
        return zeros;
    }
}
