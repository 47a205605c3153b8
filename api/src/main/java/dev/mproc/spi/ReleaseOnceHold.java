package dev.mproc.spi;

import dev.mproc.sync.Held;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link Held} every IPC backend hands out from {@code hold()}: the first {@link #close()} gives the lock or
 * permit back, later ones do nothing. For a reentrant lock only the holding thread may close it. Thread-safe.
 */
public final class ReleaseOnceHold implements Held {

    private final Runnable release;
    private final Thread owner;
    private final AtomicBoolean open = new AtomicBoolean(true);

    /**
     * @param release gives the hold back
     * @param owner the only thread allowed to close (an RLock's holder), or {@code null} for any thread
     */
    public ReleaseOnceHold(Runnable release, Thread owner) {
        this.release = release;
        this.owner = owner;
    }

    /**
     * Releases on the first call; later calls do nothing.
     *
     * @throws IllegalStateException if the hold belongs to another thread (an RLock's), which keeps it to close
     */
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
