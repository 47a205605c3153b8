package dev.mproc.ipc.shm.internal.sync;

/**
 * What a handle remembers for {@code lastOwnerDied()}: per thread, whether its latest acquisition through the
 * handle recovered a dead process's hold. The thread-local map is created only when a recovery happens, so
 * ordinary acquisitions pay one field read.
 */
final class DeathFlag {

    private volatile ThreadLocal<Boolean> flags;

    /**
     * Records the calling thread's latest acquisition.
     *
     * @param died whether it recovered a dead process's hold
     */
    void acquired(boolean died) {
        ThreadLocal<Boolean> f = flags;
        if (f == null) {
            if (!died) {
                return;
            }
            synchronized (this) {
                if (flags == null) {
                    flags = new ThreadLocal<>();
                }
                f = flags;
            }
        }
        f.set(died);
    }

    /** @return what the calling thread's latest acquisition recorded */
    boolean lastOwnerDied() {
        ThreadLocal<Boolean> f = flags;
        return f != null && Boolean.TRUE.equals(f.get());
    }
}
