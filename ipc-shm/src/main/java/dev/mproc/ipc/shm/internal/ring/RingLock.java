package dev.mproc.ipc.shm.internal.ring;

import dev.mproc.ipc.shm.internal.Futex;
import dev.mproc.ipc.shm.internal.ProcessIdentity;
import dev.mproc.ipc.shm.internal.Region;

/**
 * A mutex of processes in shared memory that survives the death of its holder: the producer side or the consumer
 * side of a {@link Ring}.
 *
 * <pre>
 * offset  size  field
 *      0     4  WORD          0 free; else the holder's pid, plus {@link #WAITERS} when somebody sleeps on it
 *      4     4  HOLDER_PID    the holder's pid and ...
 *      8     8  HOLDER_START  ... start time, written just after acquiring (a pid alone may be reused)
 * </pre>
 *
 * Acquiring is one CAS when free; releasing one atomic swap, plus a {@code FUTEX_WAKE} only if the swapped-out word
 * had {@link #WAITERS}. A waiter spins briefly, then sleeps in slices of {@link #SLICE_NANOS}; after each slice it
 * checks whether the holder is alive and, if not, takes the lock over with a CAS on the word it saw, so exactly one
 * waiter recovers it. {@link #lock()} reports a recovery, so that the caller repairs what the dead holder may have
 * left half done. Threads of one process contend like processes; the lock is not reentrant.
 */
final class RingLock {

    static final int WORD = 0;
    static final int HOLDER_PID = 4;
    static final int HOLDER_START = 8;
    /** Bytes of a lock. */
    static final int SIZE = 16;

    static final int WAITERS = 0x4000_0000;
    static final long SLICE_NANOS = 20_000_000;
    private static final int SPINS = Runtime.getRuntime().availableProcessors() > 1 ? 200 : 0;

    private static final int MY_PID = ProcessIdentity.current().pid();
    private static final long MY_START = ProcessIdentity.current().startTicks();

    private final Region region;
    private final int base;

    RingLock(Region region, int base) {
        this.region = region;
        this.base = base;
    }

    /**
     * Acquires the lock.
     *
     * Not interruptible: a lock is held only while a record is copied, so a wait is short unless the holder
     * died, which the first slice finds out; an interrupt meanwhile stays pending for the caller.
     *
     * @return {@code true} if it was taken over from a holder that had died holding it
     */
    boolean lock() {
        if (region.compareAndSetInt(base + WORD, 0, MY_PID)) {
            held();
            return false;
        }
        return lockSlow();
    }

    /** @return whether the lock was free and is now held */
    boolean tryLock() {
        if (region.compareAndSetInt(base + WORD, 0, MY_PID)) {
            held();
            return true;
        }
        return false;
    }

    private boolean lockSlow() {
        for (int i = 0; i < SPINS; i++) {
            Thread.onSpinWait();
            if (region.getIntVolatile(base + WORD) == 0 && region.compareAndSetInt(base + WORD, 0, MY_PID)) {
                held();
                return false;
            }
        }
        long address = region.address(base + WORD);
        while (true) {
            int v = region.getIntVolatile(base + WORD);
            if (v == 0) {
                // Others may sleep too: keep the bit, so that our release wakes one of them.
                if (region.compareAndSetInt(base + WORD, 0, MY_PID | WAITERS)) {
                    held();
                    return false;
                }
                continue;
            }
            if ((v & WAITERS) == 0) {
                if (!region.compareAndSetInt(base + WORD, v, v | WAITERS)) {
                    continue;
                }
                v |= WAITERS;
            }
            if (sleep(address, v) == Futex.Wake.TIMED_OUT && holderDead(v & ~WAITERS)
                    && region.compareAndSetInt(base + WORD, v, MY_PID | WAITERS)) {
                held();
                return true;
            }
        }
    }

    private static Futex.Wake sleep(long address, int v) {
        boolean interrupted = Thread.interrupted();
        try {
            return Futex.await(address, v, SLICE_NANOS);
        } catch (InterruptedException e) {
            interrupted = true;
            return Futex.Wake.CHECK;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void held() {
        // Written only when they change: a side's lock is usually taken by the same process again and again.
        if (region.getInt(base + HOLDER_PID) != MY_PID || region.getLong(base + HOLDER_START) != MY_START) {
            region.setInt(base + HOLDER_PID, MY_PID);
            region.setLong(base + HOLDER_START, MY_START);
        }
    }

    private boolean holderDead(int pid) {
        if (pid == MY_PID) {
            return false;
        }
        long start = region.getInt(base + HOLDER_PID) == pid ? region.getLong(base + HOLDER_START)
                : ProcessIdentity.of(pid).startTicks();
        return !new ProcessIdentity(pid, start).isAlive();
    }

    /**
     * Releases the lock, waking one sleeper if there is any. An atomic swap, hence a full fence: {@link Ring}
     * relies on it to order its release stores of TAIL and HEAD before the read of a signal word.
     */
    void unlock() {
        int old = region.getAndSetInt(base + WORD, 0);
        if ((old & WAITERS) != 0) {
            Futex.wake(region.address(base + WORD), 1);
        }
    }

    /** Formats a fresh lock: free. */
    static void format(Region region, int base) {
        region.setInt(base + WORD, 0);
        region.setInt(base + HOLDER_PID, 0);
        region.setLong(base + HOLDER_START, 0);
    }
}
