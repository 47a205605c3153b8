package dev.mproc.ipc.shm.internal.sync;

import dev.mproc.spi.Timeouts;
import dev.mproc.spi.ReleaseOnceHold;
import dev.mproc.ipc.shm.internal.Region;
import dev.mproc.sync.Held;
import dev.mproc.sync.Lock;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@link ShmLock} and {@link ShmRLock} share: a {@link FutexMutex} in a 64-byte slot. Both record the
 * holding thread, so that a {@link ShmCondition} can tell whether the caller holds its lock.
 */
abstract class ShmLockBase extends ShmObject implements Lock {
    private static final long serialVersionUID = 1L;

    private transient volatile DeathFlag deaths;

    ShmLockBase(Arena.Slot slot) {
        super(slot);
    }

    /** @return whether the calling thread may acquire again while holding the lock */
    abstract boolean reentrant();

    @Override
    public final void acquire() throws InterruptedException {
        acquireNanos(Wait.FOREVER, true);
    }

    @Override
    public final boolean acquire(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        return acquireNanos(Timeouts.nanos(timeout), true);
    }

    @Override
    public final boolean tryAcquire() {
        Region r = region();
        if (reentrant() && reenter(r)) {
            return true;
        }
        if (FutexMutex.tryLock(r, base)) {
            acquired(r, 1, false);
            return true;
        }
        if (FutexMutex.tryRecover(r, base)) {
            acquired(r, 1, true);
            return true;
        }
        return false;
    }

    /**
     * Acquires, also reentrantly for an RLock.
     *
     * @param nanos the longest wait, {@link Wait#FOREVER} for none, 0 for "do not wait"
     * @param interruptible whether an interrupt ends the wait; if not, the interrupt status is kept
     * @return whether the lock was acquired
     */
    final boolean acquireNanos(long nanos, boolean interruptible) throws InterruptedException {
        if (interruptible && Thread.interrupted()) {
            throw new InterruptedException();
        }
        Region r = region();
        if (reentrant() && reenter(r)) {
            return true;
        }
        if (FutexMutex.tryLock(r, base)) {
            acquired(r, 1, false);
            return true;
        }
        if (nanos == 0) {
            if (FutexMutex.tryRecover(r, base)) {
                acquired(r, 1, true);
                return true;
            }
            return false;
        }
        int result = FutexMutex.lockSlow(this, r, base, nanos, interruptible);
        if (result == FutexMutex.TIMED_OUT) {
            return false;
        }
        acquired(r, 1, result == FutexMutex.RECOVERED);
        return true;
    }

    /** Acquires without reacting to interruption (the interrupt status stays set): for values and arrays. */
    public final void lockUninterruptibly() {
        try {
            acquireNanos(Wait.FOREVER, false);
        } catch (InterruptedException e) {
            throw new AssertionError("an uninterruptible acquisition was interrupted", e);
        }
    }

    private boolean reenter(Region r) {
        if (FutexMutex.heldByCurrentThread(r, base)) {
            r.setInt(base + FutexMutex.COUNT, r.getInt(base + FutexMutex.COUNT) + 1);
            return true;
        }
        return false;
    }

    private void acquired(Region r, int count, boolean died) {
        if (reentrant()) {
            r.setInt(base + FutexMutex.COUNT, count);
        }
        DeathFlag d = deaths;
        if (d == null) {
            if (!died) {
                return;
            }
            d = deathFlag();
        }
        d.acquired(died);
    }

    private DeathFlag deathFlag() {
        synchronized (this) {
            if (deaths == null) {
                deaths = new DeathFlag();
            }
            return deaths;
        }
    }

    @Override
    public final Held hold() throws InterruptedException {
        acquire();
        return new ReleaseOnceHold(this::release, reentrant() ? Thread.currentThread() : null);
    }

    @Override
    public final boolean isLocked() {
        return FutexMutex.isLocked(region(), base);
    }

    @Override
    public final boolean lastOwnerDied() {
        DeathFlag d = deaths;
        return d != null && d.lastOwnerDied();
    }

    /** @return whether the calling thread of this process acquired the lock and holds it */
    final boolean heldByCurrentThread() {
        return FutexMutex.heldByCurrentThread(region(), base);
    }

    /** Releases the lock whole, for a condition wait; the caller holds it. @return the recursion count to restore */
    final int releaseForWait() {
        Region r = region();
        int count = reentrant() ? r.getInt(base + FutexMutex.COUNT) : 1;
        clearHolder(r);
        FutexMutex.unlock(r, base);
        return count;
    }

    /** Takes the lock back after a condition wait, uninterruptibly, at the recursion count it had. */
    final void reacquireAfterWait(int count) {
        Region r = region();
        boolean died = false;
        if (!FutexMutex.tryLock(r, base)) {
            try {
                died = FutexMutex.lockSlow(this, r, base, Wait.FOREVER, false) == FutexMutex.RECOVERED;
            } catch (InterruptedException e) {
                throw new AssertionError("an uninterruptible acquisition was interrupted", e);
            }
        }
        acquired(r, count, died);
    }

    /** Forgets the holding thread before the release, so that no thread of this process takes it for its own. */
    final void clearHolder(Region r) {
        if (reentrant()) {
            r.setInt(base + FutexMutex.COUNT, 0);
        }
        r.setLong(base + FutexMutex.HOLDER_THREAD, 0);
    }

    @Override
    protected final String kind() {
        return reentrant() ? "RLock" : "Lock";
    }
}
