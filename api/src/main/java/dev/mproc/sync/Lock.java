package dev.mproc.sync;

import dev.mproc.SharedObject;
import java.time.Duration;

/**
 * A mutual-exclusion lock shared by processes: Python's {@code multiprocessing.Lock}. Created by
 * {@link dev.mproc.Primitives#lock()}.
 *
 * <p>A plain lock is not reentrant: a thread that acquires a lock it already holds waits for ever, or until
 * its timeout. It has no owner for the purpose of release: any thread of any process may release it, so it
 * can be acquired in one process and released in another (Python allows this). Its subtype {@link RLock}
 * is reentrant and may be released only by the thread that holds it.
 *
 * <p>If the process that acquired the lock dies while it is held, the lock is recovered for the next
 * acquirer, which learns it from {@link #lastOwnerDied()} (see the package documentation). Recovery takes the
 * process that acquired the lock for its holder: a lock meant to be released by another process is a
 * signal, for which an {@link Event} or a {@link Semaphore} is the right tool.
 *
 * <p>Memory effects: changes to shared state made before a {@link #release()} are visible to the thread of
 * any process that acquires the lock afterwards, once its acquisition returns. A lock recovered from a dead
 * process gives no such promise about the dead process's writes.
 *
 * <p>There is no fairness guarantee: which of several waiters acquires a released lock is unspecified.
 */
public interface Lock extends SharedObject {

    /**
     * Acquires the lock, waiting until it is available.
     *
     * @throws InterruptedException if interrupted on entry or while waiting; the lock is not acquired
     */
    void acquire() throws InterruptedException;

    /**
     * Acquires the lock, waiting up to the timeout until it is available.
     *
     * @param timeout the longest time to wait; zero or less means do not wait
     * @return {@code true} if the lock was acquired, {@code false} if the timeout elapsed first
     * @throws InterruptedException if interrupted on entry or while waiting; the lock is not acquired
     * @throws NullPointerException if {@code timeout} is {@code null}
     */
    boolean acquire(Duration timeout) throws InterruptedException;

    /**
     * Acquires the lock only if it is free now. Never blocks. Python's {@code acquire(False)}.
     *
     * @return {@code true} if the lock was acquired
     */
    boolean tryAcquire();

    /**
     * Releases the lock, letting one waiter, if any, acquire it. Never blocks.
     *
     * @throws IllegalStateException if the lock is not held (Python's {@code ValueError('semaphore or lock
     *     released too many times')}), or, for an {@link RLock}, not held by the calling thread
     */
    void release();

    /**
     * Acquires the lock, waiting until it is available, and returns a hold whose
     * {@link Held#close() close()} releases it.
     *
     * @return the hold, for try-with-resources
     * @throws InterruptedException if interrupted on entry or while waiting; the lock is not acquired
     */
    Held hold() throws InterruptedException;

    /**
     * Tells whether any thread of any process holds the lock at the moment of the check. Python's
     * {@code locked()}.
     *
     * @return {@code true} if the lock was held
     */
    boolean isLocked();

    /**
     * Tells whether the calling thread's latest acquisition of this lock, through this handle, obtained it
     * from a process that died while holding it. Only the acquisition that recovered the lock reports
     * {@code true}; the flag changes only when the calling thread acquires again (for an {@link RLock},
     * re-entrant acquisitions do not change it). Never blocks.
     *
     * @return {@code true} if the data this lock protects may have been left half-updated by a dead holder
     */
    boolean lastOwnerDied();
}
