package dev.mproc.shared;

import dev.mproc.SharedObject;
import dev.mproc.sync.RLock;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * A {@code double} value shared by processes: Python's {@code Value('d', v)} and
 * {@code RawValue}. Created by {@link dev.mproc.Primitives#doubleValue(double)} (with a lock) or
 * {@link dev.mproc.Primitives#doubleValue(double, boolean)}.
 *
 * <p>Every method acts atomically on the value, and a change has taken effect for every process when the
 * method returns, as a volatile write does across threads. On a value with a lock (see the package
 * documentation), every method takes the {@linkplain #lock() lock} for its duration: it waits while
 * another thread holds it, without reacting to interruption (the interrupt status stays set), as
 * {@link java.util.concurrent.locks.Lock#lock()} does. A lock-free value never waits for another thread.
 *
 * <p>{@link #compareAndSet(double, double)} compares bit patterns, as
 * {@link Double#doubleToRawLongBits(double)} gives them, so {@code 0.0} and {@code -0.0} differ and a
 * {@code NaN} matches the same {@code NaN}.
 */
public interface DoubleValue extends SharedObject {

    /**
     * Returns the current value.
     *
     * @return the value most recently set by any process
     */
    double get();

    /**
     * Sets the value.
     *
     * @param value the new value
     */
    void set(double value);

    /**
     * Sets the value and returns the old one. Atomic.
     *
     * @param value the new value
     * @return the value before
     */
    double getAndSet(double value);

    /**
     * Adds to the value and returns the old one. Atomic.
     *
     * @param delta what to add
     * @return the value before the addition
     */
    double getAndAdd(double delta);

    /**
     * Adds to the value and returns the new one. Atomic.
     *
     * @param delta what to add
     * @return the value after the addition
     */
    default double addAndGet(double delta) {
        return getAndAdd(delta) + delta;
    }

    /**
     * Sets the value to {@code newValue} if it is {@code expected}. Atomic.
     *
     * @param expected the value the caller believes current
     * @param newValue the value to set
     * @return {@code true} if the value was {@code expected} and is now {@code newValue}
     */
    boolean compareAndSet(double expected, double newValue);

    /**
     * Replaces the value by a function of it and returns the result. Atomic: the function runs in the
     * calling thread and, if another update wins the race, runs again on the newer value, so it must be free
     * of side effects.
     *
     * @param update computes the new value from the current one
     * @return the new value
     */
    default double updateAndGet(DoubleUnaryOperator update) {
        double current;
        double next;
        do {
            current = get();
            next = update.applyAsDouble(current);
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
