package dev.mproc.shared;

import dev.mproc.SharedObject;
import dev.mproc.sync.RLock;
import java.util.Optional;
import java.util.function.IntUnaryOperator;

/**
 * An {@code int} value shared by processes: Python's {@code Value('i', v)} and
 * {@code RawValue}. Created by {@link dev.mproc.Primitives#intValue(int)} (with a lock) or
 * {@link dev.mproc.Primitives#intValue(int, boolean)}.
 *
 * <p>Every method acts atomically on the value, and a change has taken effect for every process when the
 * method returns, as a volatile write does across threads. On a value with a lock (see the package
 * documentation), every method takes the {@linkplain #lock() lock} for its duration: it waits while
 * another thread holds it, without reacting to interruption (the interrupt status stays set), as
 * {@link java.util.concurrent.locks.Lock#lock()} does. A lock-free value never waits for another thread.
 *
 * <p>Arithmetic wraps around on overflow, as {@code int} arithmetic does.
 */
public interface IntValue extends SharedObject {

    /**
     * Returns the current value.
     *
     * @return the value most recently set by any process
     */
    int get();

    /**
     * Sets the value.
     *
     * @param value the new value
     */
    void set(int value);

    /**
     * Sets the value and returns the old one. Atomic.
     *
     * @param value the new value
     * @return the value before
     */
    int getAndSet(int value);

    /**
     * Adds to the value and returns the old one. Atomic.
     *
     * @param delta what to add
     * @return the value before the addition
     */
    int getAndAdd(int delta);

    /**
     * Adds to the value and returns the new one. Atomic.
     *
     * @param delta what to add
     * @return the value after the addition
     */
    default int addAndGet(int delta) {
        return getAndAdd(delta) + delta;
    }

    /**
     * Adds one and returns the new value. Atomic.
     *
     * @return the value after the addition
     */
    default int incrementAndGet() {
        return addAndGet(1);
    }

    /**
     * Subtracts one and returns the new value. Atomic.
     *
     * @return the value after the subtraction
     */
    default int decrementAndGet() {
        return addAndGet(-1);
    }

    /**
     * Sets the value to {@code newValue} if it is {@code expected}. Atomic.
     *
     * @param expected the value the caller believes current
     * @param newValue the value to set
     * @return {@code true} if the value was {@code expected} and is now {@code newValue}
     */
    boolean compareAndSet(int expected, int newValue);

    /**
     * Replaces the value by a function of it and returns the result. Atomic: the function runs in the
     * calling thread and, if another update wins the race, runs again on the newer value, so it must be free
     * of side effects.
     *
     * @param update computes the new value from the current one
     * @return the new value
     */
    default int updateAndGet(IntUnaryOperator update) {
        int current;
        int next;
        do {
            current = get();
            next = update.applyAsInt(current);
        } while (!compareAndSet(current, next));
        return next;
    }

    /**
     * Returns the lock every method of this value takes, to be held by a caller around a sequence of calls
     * that must be atomic as a whole. Python's {@code get_lock()}.
     *
     * @return the associated lock, or empty for a lock-free value
     */
    Optional<RLock> lock();
}
