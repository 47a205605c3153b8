package dev.mproc.ipc.shm.internal.sync;

import dev.mproc.sync.BoundedSemaphore;

/** {@link BoundedSemaphore} in shared memory: a {@link ShmSemaphore} whose additions check the bound. */
public final class ShmBoundedSemaphore extends ShmSemaphore implements BoundedSemaphore {
    private static final long serialVersionUID = 1L;

    private ShmBoundedSemaphore(Arena.Slot slot, int permits) {
        super(slot, permits, permits);
    }

    /**
     * @param permits the initial and greatest number of permits, at least 0
     * @return a new bounded semaphore owned by this process
     */
    public static ShmBoundedSemaphore create(int permits) {
        checkPermits(permits);
        return new ShmBoundedSemaphore(Arena.allocate(SIZE), permits);
    }

    @Override
    public int bound() {
        return boundOrNone();
    }

    @Override
    protected String kind() {
        return "bounded semaphore";
    }
}
