package dev.mproc.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.shared.IntValue;
import dev.mproc.sync.Condition;
import dev.mproc.sync.Held;
import dev.mproc.sync.Lock;
import dev.mproc.sync.RLock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The contract of {@link Condition}, across real processes. */
// A Held exists to be closed by try-with-resources; its body never needs to name it.
@SuppressWarnings("try")
public abstract class ConditionContract extends BackendCombination {

    private static final Duration LONG = Duration.ofSeconds(30);

    @Test
    @DisplayName("a producer and a consumer in two processes hand over items through a condition, none lost")
    void producerConsumer() throws Exception {
        Condition cond = context().condition();
        IntValue buffered = context().intValue(0, false);
        IntValue consumed = context().intValue(0, false);
        int items = 200;
        int capacity = 3;
        Process<Integer> consumer = context().task(() -> {
            int taken = 0;
            for (int i = 0; i < items; i++) {
                try (Held held = cond.lock().hold()) {
                    if (!cond.awaitUntil(() -> buffered.get() > 0, LONG)) {
                        return -1;
                    }
                    buffered.decrementAndGet();
                    consumed.incrementAndGet();
                    taken++;
                    cond.signalAll();
                }
            }
            return taken;
        }).start();
        Process<Void> producer = context().process(() -> {
            for (int i = 0; i < items; i++) {
                try (Held held = cond.lock().hold()) {
                    if (!cond.awaitUntil(() -> buffered.get() < capacity, LONG)) {
                        throw new IllegalStateException("the consumer never made room");
                    }
                    assertTrue(buffered.incrementAndGet() <= capacity);
                    cond.signal();
                }
            }
        }).start();
        producer.join();
        consumer.join();
        assertEquals(0, producer.exitCode().getAsInt());
        assertEquals(items, consumer.result());
        assertEquals(items, consumed.get());
        assertEquals(0, buffered.get());
    }

    @Test
    @DisplayName("await with a timeout returns false after the timeout, with the lock held again at its count")
    void awaitTimesOutAndRestoresTheLock() throws Exception {
        RLock lock = context().rlock();
        Condition cond = context().condition(lock);
        assertEquals(lock, cond.lock());
        lock.acquire();
        lock.acquire();
        long t0 = System.nanoTime();
        assertFalse(cond.await(Duration.ofMillis(300)));
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(300));
        assertEquals(2, lock.holdCount(), "the recursion count is restored");
        assertFalse(cond.await(Duration.ZERO));
        assertEquals(2, lock.holdCount());
        assertFalse(cond.awaitUntil(() -> false, Duration.ofMillis(100)));
        assertTrue(cond.awaitUntil(() -> true, Duration.ZERO));
        Process<Boolean> child = context().task(lock::tryAcquire).start();
        child.join();
        assertFalse(child.result(), "the lock is held again after the waits");
        lock.release();
        lock.release();
        assertThrows(NullPointerException.class, () -> cond.await(null));
    }

    @Test
    @DisplayName("a waiting child releases the lock to others and returns true when signalled")
    void signalWakesChild() throws Exception {
        Condition cond = context().condition();
        IntValue ready = context().intValue(0, false);
        Process<Boolean> child = context().task(() -> {
            try (Held held = cond.lock().hold()) {
                ready.set(1);
                return cond.await(LONG);
            }
        }).start();
        // Once the child has announced itself and we get the lock, the child is waiting: its wait released it.
        while (true) {
            try (Held held = cond.lock().hold()) {
                if (ready.get() == 1) {
                    cond.signal();
                    break;
                }
            }
            Thread.onSpinWait();
        }
        child.join();
        assertTrue(child.result());
    }

    @Test
    @DisplayName("signal(2) wakes exactly 2 of 4 waiters in two processes; the others time out")
    void signalWakesExactlyN() throws Exception {
        Condition cond = context().condition();
        IntValue waiting = context().intValue(0, false);
        List<Process<Integer>> children = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            children.add(context().task(() -> {
                int[] woken = new int[1];
                List<Thread> threads = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    Thread th = new Thread(() -> {
                        try (Held held = cond.lock().hold()) {
                            waiting.incrementAndGet();
                            if (cond.await(Duration.ofSeconds(3))) {
                                synchronized (woken) {
                                    woken[0]++;
                                }
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                    th.start();
                    threads.add(th);
                }
                for (Thread th : threads) {
                    th.join();
                }
                synchronized (woken) {
                    return woken[0];
                }
            }).start());
        }
        while (true) {
            try (Held held = cond.lock().hold()) {
                if (waiting.get() == 4) {
                    cond.signal(2);
                    cond.signal(0);
                    break;
                }
            }
            Thread.onSpinWait();
        }
        int woken = 0;
        for (Process<Integer> p : children) {
            p.join();
            woken += p.result();
        }
        assertEquals(2, woken);
    }

    @Test
    @DisplayName("signalAll wakes every waiter, in every process")
    void signalAllWakesEveryone() throws Exception {
        Condition cond = context().condition();
        IntValue waiting = context().intValue(0, false);
        List<Process<Boolean>> children = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            children.add(context().task(() -> {
                try (Held held = cond.lock().hold()) {
                    waiting.incrementAndGet();
                    return cond.await(LONG);
                }
            }).start());
        }
        while (true) {
            try (Held held = cond.lock().hold()) {
                if (waiting.get() == 3) {
                    cond.signalAll();
                    break;
                }
            }
            Thread.onSpinWait();
        }
        for (Process<Boolean> p : children) {
            p.join();
            assertTrue(p.result());
        }
    }

    @Test
    @DisplayName("waiting or signalling without holding the lock throws IllegalStateException")
    void requiresTheLock() throws Exception {
        Lock lock = context().lock();
        Condition cond = context().condition(lock);
        assertThrows(IllegalStateException.class, cond::await);
        assertThrows(IllegalStateException.class, () -> cond.await(Duration.ofMillis(10)));
        assertThrows(IllegalStateException.class, cond::signal);
        assertThrows(IllegalStateException.class, cond::signalAll);
        lock.acquire();
        Process<String> child = context().task(() -> {
            try {
                cond.signal();
                return "signalled";
            } catch (IllegalStateException e) {
                return "refused";
            }
        }).start();
        child.join();
        assertEquals("refused", child.result(), "holding means: this thread of this process acquired it");
        assertThrows(IllegalArgumentException.class, () -> cond.signal(-1));
        cond.signal(3);
        lock.release();
    }

    @Test
    @DisplayName("a condition refuses a lock of another backend or owned by another process")
    void refusesForeignLocks() throws Exception {
        Lock foreign = new Lock() {
            private static final long serialVersionUID = 1L;

            @Override
            public void acquire() {
            }

            @Override
            public boolean acquire(Duration timeout) {
                return true;
            }

            @Override
            public boolean tryAcquire() {
                return true;
            }

            @Override
            public void release() {
            }

            @Override
            public Held hold() {
                return () -> { };
            }

            @Override
            public boolean isLocked() {
                return false;
            }

            @Override
            public boolean lastOwnerDied() {
                return false;
            }
        };
        assertThrows(IllegalArgumentException.class, () -> context().condition(foreign));
        assertThrows(NullPointerException.class, () -> context().condition(null));
        Process<Lock> child = context().task(() -> Mproc.context().lock()).start();
        child.join();
        Lock childs = child.result();
        assertThrows(IllegalArgumentException.class, () -> context().condition(childs));
    }

    @Test
    @DisplayName("an interrupted await throws InterruptedException with the lock held again")
    void interruptedAwaitHoldsTheLock() throws Exception {
        RLock lock = context().rlock();
        Condition cond = context().condition(lock);
        IntValue ready = context().intValue(0, false);
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                lock.acquire();
                try {
                    ready.set(1);
                    cond.await();
                    outcome.complete("returned");
                } catch (InterruptedException e) {
                    outcome.complete("interrupted, holding " + lock.holdCount());
                } finally {
                    lock.release();
                }
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
            }
        });
        waiter.start();
        while (true) {
            lock.acquire();
            if (ready.get() == 1) {
                break;
            }
            lock.release();
            Thread.onSpinWait();
        }
        // We hold the lock, so the waiter is parked in its wait (it released the lock to us).
        waiter.interrupt();
        assertFalse(outcome.isDone(), "the interrupted waiter needs the lock back before it throws");
        lock.release();
        assertEquals("interrupted, holding 1", outcome.get(30, TimeUnit.SECONDS));
        waiter.join();
        assertFalse(lock.isLocked());
    }
}
