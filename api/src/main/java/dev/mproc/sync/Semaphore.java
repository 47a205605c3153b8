package dev.mproc.sync;

import dev.mproc.SharedObject;
import java.time.Duration;

/**
 * A counting semaphore shared by processes: Python's {@code multiprocessing.Semaphore}. Created by
 * {@link dev.mproc.Primitives#semaphore(int)}.
 *
 * <p>The semaphore holds a number of permits. An acquisition takes one, waiting while none is available; a
 * release adds permits, beyond the initial number if it wishes (a {@link BoundedSemaphore} refuses that).
 * Permits are only counted, not owned: any thread of any process may release.
 *
 * <h2>When a holder dies</h2>
 * A semaphore cannot tell a permit borrowed for a while (returned by the same process) from a permit
 * consumed as a signal (never returned, or returned by another process), so permits taken with
 * {@link #acquire()}, {@link #acquire(Duration)} or {@link #tryAcquire()} are never given back when their
 * process dies: doing so would corrupt a semaphore that counts items. A permit taken with {@link #hold()} is
 * borrowed by the calling process until the hold is closed; if the process dies first, the permit is
 * returned, and the acquirer that receives it learns so from {@link #lastOwnerDied()}.
 *
 * <p>Memory effects: changes to shared state made before a release are visible to the thread of any process
 * whose acquisition returns having taken a permit that release added.
 *
 * <p>There is no fairness guarantee: which of several waiters receives a released permit is unspecified.
 */
public interface Semaphore extends SharedObject {

    /**
     * Takes one permit, waiting until one is available.
     *
     * @throws InterruptedException if interrupted on entry or while waiting; no permit is taken
     */
    void acquire() throws InterruptedException;

    /**
     * Takes one permit, waiting up to the timeout until one is available.
     *
     * @param timeout the longest time to wait; zero or less means do not wait
     * @return {@code true} if a permit was taken, {@code false} if the timeout elapsed first
     * @throws InterruptedException if interrupted on entry or while waiting; no permit is taken
     * @throws NullPointerException if {@code timeout} is {@code null}
     */
    boolean acquire(Duration timeout) throws InterruptedException;

    /**
     * Takes one permit only if one is available now. Never blocks. Python's {@code acquire(False)}.
     *
     * @return {@code true} if a permit was taken
     */
    boolean tryAcquire();

    /**
     * Takes one permit, waiting until one is available, as a hold whose {@link Held#close() close()}
     * releases it. Unlike the other acquisitions, the permit is given back if this process dies before
     * closing the hold.
     *
     * @return the hold, for try-with-resources
     * @throws InterruptedException if interrupted on entry or while waiting; no permit is taken
     */
    Held hold() throws InterruptedException;

    /**
     * Adds one permit, letting one waiter, if any, take it. Never blocks.
     *
     * @throws IllegalStateException for a {@link BoundedSemaphore}, if the permits would exceed the initial
     *     number
     */
    void release();

    /**
     * Adds permits, letting as many waiters take them. Never blocks. The permits are added at once: either
     * all of them or, if a {@link BoundedSemaphore} refuses, none.
     *
     * @param permits how many permits to add, at least 1
     * @throws IllegalArgumentException if {@code permits} is less than 1
     * @throws IllegalStateException for a {@link BoundedSemaphore}, if the permits would exceed the initial
     *     number
     */
    void release(int permits);

    /**
     * Returns the number of permits available at the moment of the check. Python's {@code get_value()}.
     * Never blocks.
     *
     * @return the available permits
     */
    int availablePermits();

    /**
     * Tells whether the calling thread's latest acquisition of a permit through this handle received a
     * permit returned on behalf of a process that died while holding it through {@link #hold()}. Each such
     * permit is reported to exactly one acquirer. Never blocks.
     *
     * @return {@code true} if the resource that permit guards may have been left in an unknown state
     */
    boolean lastOwnerDied();
}
