package dev.mproc.ipc.shm.internal.values;

import dev.mproc.ipc.shm.internal.sync.Arena;
import dev.mproc.ipc.shm.internal.sync.ShmObject;
import dev.mproc.ipc.shm.internal.sync.ShmRLock;
import dev.mproc.sync.RLock;
import java.util.Optional;

/**
 * What shared values and arrays share: their memory is read and written in place, and a value or array with a
 * lock takes its {@link ShmRLock} (a slot of its own, carried by the handle) around every method, uninterruptibly,
 * as the {@link dev.mproc.shared} contracts say. Without a lock, each method is one atomic access.
 */
abstract class ShmValueBase extends ShmObject {
    private static final long serialVersionUID = 1L;

    /** The lock taken around every method, or {@code null} for a lock-free value. */
    private final ShmRLock lock;

    ShmValueBase(Arena.Slot slot, boolean withLock) {
        super(slot);
        this.lock = withLock ? ShmRLock.create() : null;
    }

    /** Takes the lock, if any; pair with {@link #exit()} in a finally block. */
    final void enter() {
        if (lock != null) {
            lock.lockUninterruptibly();
        }
    }

    /** Releases the lock, if any. */
    final void exit() {
        if (lock != null) {
            lock.release();
        }
    }

    /** @return the lock, or empty for a lock-free value */
    public final Optional<RLock> lock() {
        return Optional.ofNullable(lock);
    }
}
