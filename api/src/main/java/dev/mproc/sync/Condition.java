package dev.mproc.sync;

import dev.mproc.SharedObject;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A condition variable shared by processes, bound to a {@link Lock}: Python's
 * {@code multiprocessing.Condition}. Created by {@link dev.mproc.Primitives#condition()} (with a new
 * {@link RLock}, as Python) or {@link dev.mproc.Primitives#condition(Lock)}.
 *
 * <p>Waiting and signalling require the calling thread to hold the condition's lock (to be the thread that
 * acquired it), and throw {@link IllegalStateException} otherwise (Python's {@code AssertionError}).
 * Acquire the lock with {@code condition.lock().hold()}.
 *
 * <p>A wait releases the lock entirely, all recursion levels of an {@link RLock} included, and re-acquires
 * it, restoring the recursion count, before returning or throwing. A waiter returns normally only when a
 * signal chose it or its timeout elapsed: waits do not return spuriously. A signal wakes only threads that
 * are waiting when it is sent; a waiter whose process died is not counted among them.
 *
 * <p>Memory effects: those of the lock; changes to shared state made while holding the lock before a signal
 * are visible to the waiter once its wait returns.
 */
public interface Condition extends SharedObject {

    /**
     * Returns the lock this condition is bound to. Never blocks, and needs no lock held.
     *
     * @return the condition's lock
     */
    Lock lock();

    /**
     * Releases the lock, waits until signalled, and re-acquires the lock.
     *
     * @throws InterruptedException if interrupted on entry or while waiting; the lock is held again when
     *     it is thrown
     * @throws IllegalStateException if the calling thread does not hold the lock
     */
    void await() throws InterruptedException;

    /**
     * Releases the lock, waits until signalled or until the timeout elapses, and re-acquires the lock. The
     * timeout bounds the wait for a signal; re-acquiring the lock afterwards may take longer.
     *
     * @param timeout the longest time to wait for a signal; zero or less means do not wait
     * @return {@code true} if signalled, {@code false} if the timeout elapsed first
     * @throws InterruptedException if interrupted on entry or while waiting; the lock is held again when
     *     it is thrown
     * @throws NullPointerException if {@code timeout} is {@code null}
     * @throws IllegalStateException if the calling thread does not hold the lock
     */
    boolean await(Duration timeout) throws InterruptedException;

    /**
     * Waits until the predicate holds: checks it, and while it is false, waits for a signal and checks it
     * again. Python's {@code wait_for(predicate)}.
     *
     * <p>The predicate runs in the calling thread with the lock held, so it may read shared state guarded
     * by the lock; it is never sent to another process and need not be serializable. An exception it throws
     * propagates with the lock held.
     *
     * @param predicate the condition to wait for
     * @throws InterruptedException if interrupted on entry or while waiting; the lock is held again when
     *     it is thrown
     * @throws IllegalStateException if the predicate is false and the calling thread does not hold the lock
     */
    default void awaitUntil(BooleanSupplier predicate) throws InterruptedException {
        while (!predicate.getAsBoolean()) {
            await();
        }
    }

    /**
     * Waits up to the timeout until the predicate holds, as {@link #awaitUntil(BooleanSupplier)} does.
     * Python's {@code wait_for(predicate, timeout)}.
     *
     * @param predicate the condition to wait for; runs in the calling thread with the lock held
     * @param timeout the longest time to wait in total; zero or less means check the predicate once
     * @return the predicate's last result: {@code true} if it held, {@code false} if the timeout elapsed
     *     first
     * @throws InterruptedException if interrupted on entry or while waiting; the lock is held again when
     *     it is thrown
     * @throws NullPointerException if {@code timeout} is {@code null}
     * @throws IllegalStateException if the predicate is false and the calling thread does not hold the lock
     */
    default boolean awaitUntil(BooleanSupplier predicate, Duration timeout) throws InterruptedException {
        // A deadline in nanoTime would overflow for very long timeouts; counting down the remainder does not.
        long remaining = saturatedNanos(timeout);
        boolean result = predicate.getAsBoolean();
        while (!result && remaining > 0) {
            long start = System.nanoTime();
            await(Duration.ofNanos(remaining));
            remaining -= System.nanoTime() - start;
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /**
     * Wakes one thread waiting on this condition, in any process, if there is one. Python's
     * {@code notify()}. Never blocks. The woken thread returns from its wait only after re-acquiring the
     * lock, that is, after the caller releases it.
     *
     * @throws IllegalStateException if the calling thread does not hold the lock
     */
    default void signal() {
        signal(1);
    }

    /**
     * Wakes up to {@code n} threads waiting on this condition, in any processes. Python's
     * {@code notify(n)}. Never blocks. Fewer are woken if fewer are waiting; none is the normal result of
     * signalling a condition nobody waits on.
     *
     * @param n the most threads to wake, at least 0
     * @throws IllegalArgumentException if {@code n} is negative
     * @throws IllegalStateException if the calling thread does not hold the lock
     */
    void signal(int n);

    /**
     * Wakes every thread waiting on this condition, in every process. Python's {@code notify_all()}. Never
     * blocks.
     *
     * @throws IllegalStateException if the calling thread does not hold the lock
     */
    void signalAll();

    /**
     * Converts a timeout to nanoseconds, saturating instead of overflowing.
     *
     * @param timeout the timeout
     * @return its length in nanoseconds, at most {@link Long#MAX_VALUE}, zero or less if not positive
     */
    private static long saturatedNanos(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            return 0;
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
