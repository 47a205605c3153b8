package dev.mproc.ipc.shm.internal.sync;

import dev.mproc.ipc.shm.internal.Region;

/**
 * {@link dev.mproc.sync.Lock} in shared memory: a {@link FutexMutex} in a 64-byte arena slot (its layout is
 * documented there). Any thread of any process may release it.
 */
public final class ShmLock extends ShmLockBase {
    private static final long serialVersionUID = 1L;

    private ShmLock(Arena.Slot slot) {
        super(slot);
    }

    /** @return a new lock owned by this process */
    public static ShmLock create() {
        return new ShmLock(Arena.allocate(FutexMutex.SIZE));
    }

    @Override
    boolean reentrant() {
        return false;
    }

    @Override
    public void release() {
        Region r = region();
        if ((r.getIntVolatile(base + FutexMutex.STATE) & FutexMutex.PID_MASK) == 0) {
            throw new IllegalStateException("semaphore or lock released too many times: the lock is not held");
        }
        clearHolder(r);
        if (!FutexMutex.unlock(r, base)) {
            throw new IllegalStateException("semaphore or lock released too many times: the lock is not held");
        }
    }
}
