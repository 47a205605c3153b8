package dev.mproc.ipc.shm.internal.sync;

import dev.mproc.sync.Held;
import java.util.concurrent.atomic.AtomicBoolean;

/** A hold on a lock or a semaphore permit: the first {@link #close()} releases, later ones do nothing. */
final class ShmHeld implements Held {

    private final Runnable release;
    private final Thread owner;
    private final AtomicBoolean open = new AtomicBoolean(true);

    /**
     * @param release gives the hold back
     * @param owner the only thread allowed to close (an RLock's holder), or {@code null} for any thread
     */
    ShmHeld(Runnable release, Thread owner) {
        this.release = release;
        this.owner = owner;
    }

    @Override
    public void close() {
        // Checked before the flag flips, so that a wrong thread's close leaves the hold to its rightful closer.
        if (owner != null && owner != Thread.currentThread() && open.get()) {
            throw new IllegalStateException("attempt to release recursive lock not owned by thread: the hold belongs"
                    + " to " + owner.getName());
        }
        if (open.compareAndSet(true, false)) {
            release.run();
        }
    }
}
