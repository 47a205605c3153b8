package dev.mproc.sync;

/**
 * A {@link Semaphore} whose permits can never exceed the initial number: Python's
 * {@code multiprocessing.BoundedSemaphore}. Created by {@link dev.mproc.Primitives#boundedSemaphore(int)}.
 *
 * <p>A release that would add a permit beyond the initial number throws {@link IllegalStateException}
 * (Python's {@code ValueError('semaphore or lock released too many times')}) and adds nothing. Such a
 * release is a bug in the caller: it usually means a permit was released twice.
 */
public interface BoundedSemaphore extends Semaphore {

    /**
     * Returns the initial number of permits, which is also the most the semaphore can hold.
     *
     * @return the bound given at creation
     */
    int bound();
}
