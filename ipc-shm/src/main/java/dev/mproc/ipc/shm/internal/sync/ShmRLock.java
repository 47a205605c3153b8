package dev.mproc.ipc.shm.internal.sync;

import dev.mproc.ipc.shm.internal.Region;
import dev.mproc.sync.RLock;

/**
 * {@link RLock} in shared memory: a {@link FutexMutex} in a 64-byte arena slot (its layout is documented there),
 * whose COUNT field holds the recursion count. Owned by one thread of one process: the holder's pid is in the
 * futex word and its thread id in HOLDER_THREAD; a re-entrant acquisition or a release other than the last
 * touches only COUNT, with plain accesses, since only the holder writes it.
 */
public final class ShmRLock extends ShmLockBase implements RLock {
    private static final long serialVersionUID = 1L;

    private ShmRLock(Arena.Slot slot) {
        super(slot);
    }

    /** @return a new reentrant lock owned by this process */
    public static ShmRLock create() {
        return new ShmRLock(Arena.allocate(FutexMutex.SIZE));
    }

    @Override
    boolean reentrant() {
        return true;
    }

    @Override
    public void release() {
        Region r = region();
        if (!FutexMutex.heldByCurrentThread(r, base)) {
            throw new IllegalStateException("attempt to release recursive lock not owned by thread: "
                    + (FutexMutex.isLocked(r, base) ? "another thread or process holds it" : "it is not held"));
        }
        int count = r.getInt(base + FutexMutex.COUNT);
        if (count > 1) {
            r.setInt(base + FutexMutex.COUNT, count - 1);
            return;
        }
        clearHolder(r);
        FutexMutex.unlock(r, base);
    }

    @Override
    public int holdCount() {
        Region r = region();
        return FutexMutex.heldByCurrentThread(r, base) ? r.getInt(base + FutexMutex.COUNT) : 0;
    }
}
