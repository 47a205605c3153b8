package dev.mproc.sync;

/**
 * A reentrant lock shared by processes: Python's {@code multiprocessing.RLock}. Created by
 * {@link dev.mproc.Primitives#rlock()}.
 *
 * <p>The lock is owned by one thread of one process. The owner may acquire it again without waiting; each
 * acquisition counts, and the lock is free again only after as many releases. Only the owner may release
 * it: {@link #release()} by any other thread throws {@link IllegalStateException} (Python's
 * {@code AssertionError('attempt to release recursive lock not owned by thread')}). Apart from reentrancy
 * and ownership, the contract of {@link Lock} holds, including recovery when the owner's process dies (the
 * whole recursion count is dropped) and the memory effects of release and acquisition.
 */
public interface RLock extends Lock {

    /**
     * Returns how many times the calling thread holds this lock. Never blocks.
     *
     * @return the recursion count of the calling thread, zero if it does not own the lock
     */
    int holdCount();

    /**
     * Tells whether the calling thread owns this lock. Never blocks.
     *
     * @return {@code true} if {@link #holdCount()} is positive
     */
    default boolean isHeldByCurrentThread() {
        return holdCount() > 0;
    }
}
