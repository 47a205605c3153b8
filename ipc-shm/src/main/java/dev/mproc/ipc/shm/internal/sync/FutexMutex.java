package dev.mproc.ipc.shm.internal.sync;

import dev.mproc.ipc.shm.internal.Futex;
import dev.mproc.ipc.shm.internal.Pids;
import dev.mproc.ipc.shm.internal.ProcessIdentity;
import dev.mproc.ipc.shm.internal.Region;

/**
 * A mutex in shared memory that records its holder, so that a hold left by a dead process is recovered. The
 * algorithm of {@link ShmLock}, {@link ShmRLock} and the internal lock of {@link ShmBarrier}.
 *
 * <pre>
 * offset  size  field
 *      0     4  STATE          futex word: 0 free; else the holder's pid (bits 0-29) | WAITERS (bit 30)
 *      4     4  COUNT          recursion count of an RLock; written by the holder only
 *      8     8  HOLDER_THREAD  Java thread id of the holding thread, 0 while none is recorded
 *     16     8  HOLDER_START   start time of the process HOLDER_PID names (see ProcessIdentity)
 *     24     4  HOLDER_PID     the process HOLDER_START belongs to
 *     28    36  (unused)
 * </pre>
 *
 * <p>Acquiring a free mutex is one CAS of STATE from 0 to the caller's pid: the holder is recorded by the same
 * atomic operation that takes the mutex, so a process that dies right after its CAS is still known as the holder.
 * The other fields are written with plain stores after it (HOLDER_START/HOLDER_PID only when they change) and
 * published by the release. Releasing is one atomic swap of STATE to 0, plus a {@code FUTEX_WAKE} only if the old
 * value had the WAITERS bit: a release with nobody waiting costs no system call.
 *
 * <p>A blocked acquirer spins for the adaptive {@link Spin} budget, then sets WAITERS (by CAS, keeping the pid)
 * and sleeps on exactly that value, in slices (see {@link Wait}). Once per check interval it asks whether the
 * holder still lives — by HOLDER_START when HOLDER_PID matches the pid in STATE, by the pid alone otherwise (the
 * holder died in the few instructions between its CAS and its stores, or a pid was reused, which the start time
 * would tell) — and whether the structure's owner lives. A dead holder's hold is taken over by one CAS from the
 * exact value seen to the caller's pid, so exactly one acquirer recovers it. A woken acquirer takes the mutex
 * with WAITERS set, since it cannot know whether others still sleep. Acquisitions that do not wait recover too
 * ({@link #tryRecover}), when the holder's pid no longer exists; {@link #isLocked} does not count such a hold.
 */
final class FutexMutex {

    static final int STATE = 0;
    static final int COUNT = 4;
    static final int HOLDER_THREAD = 8;
    static final int HOLDER_START = 16;
    static final int HOLDER_PID = 24;
    /** Size of the structure: one cache line. */
    static final int SIZE = 64;

    static final int PID_MASK = 0x3fff_ffff;
    static final int WAITERS = 0x4000_0000;

    /** {@link #lockSlow} result: the timeout elapsed. */
    static final int TIMED_OUT = 0;
    /** {@link #lockSlow} result: acquired from a live holder's release. */
    static final int ACQUIRED = 1;
    /** {@link #lockSlow} result: acquired by taking over the hold of a dead process. */
    static final int RECOVERED = 2;

    static final int PID = ProcessIdentity.current().pid();
    private static final long START = ProcessIdentity.current().startTicks();

    private FutexMutex() {
    }

    /**
     * One attempt, never blocking.
     *
     * @return whether the caller now holds the mutex
     */
    static boolean tryLock(Region r, int base) {
        if (r.compareAndSetInt(base + STATE, 0, PID)) {
            recordHolder(r, base);
            return true;
        }
        return false;
    }

    /** Records the calling thread (and, if it changed, this process's start time) as the holder's. */
    static void recordHolder(Region r, int base) {
        if (r.getInt(base + HOLDER_PID) != PID) {
            r.setLong(base + HOLDER_START, START);
            r.setIntRelease(base + HOLDER_PID, PID);
        }
        r.setLong(base + HOLDER_THREAD, Thread.currentThread().getId());
    }

    /** @return whether the calling thread of this process holds the mutex */
    static boolean heldByCurrentThread(Region r, int base) {
        return (r.getIntVolatile(base + STATE) & PID_MASK) == PID
                && r.getLong(base + HOLDER_THREAD) == Thread.currentThread().getId();
    }

    /**
     * Tells whether a process holds the mutex: the word names a holder, and the holder is this process or a pid
     * that exists. A hold left by a process that is gone is not a hold (the next acquirer recovers it).
     *
     * @return whether anyone holds the mutex
     */
    static boolean isLocked(Region r, int base) {
        int pid = r.getIntVolatile(base + STATE) & PID_MASK;
        return pid != 0 && (pid == PID || Pids.exists(pid));
    }

    /**
     * Takes over, without waiting, a hold left by a process that no longer exists: for the acquisitions that do
     * not wait, so that a dead holder's lock passes to them too. Costs a {@code kill(pid, 0)} when another process
     * holds the mutex, and a read of {@code /proc} only when that pid is gone.
     *
     * @return whether the caller now holds the mutex, recovered
     */
    static boolean tryRecover(Region r, int base) {
        int v = r.getIntVolatile(base + STATE);
        int pid = v & PID_MASK;
        if (pid == 0 || pid == PID || Pids.exists(pid) || !holderDead(r, base, pid)) {
            return false;
        }
        // Keep WAITERS: sleepers may be waiting for this hold's release.
        if (r.compareAndSetInt(base + STATE, v, PID | (v & WAITERS))) {
            recordHolder(r, base);
            return true;
        }
        return false;
    }

    /**
     * Waits for the mutex after a failed {@link #tryLock}.
     *
     * @param object the structure, whose owner's liveness is checked while waiting
     * @param nanos the longest wait, {@link Wait#FOREVER} for none
     * @param interruptible whether an interrupt ends the wait with {@link InterruptedException}; if not, the
     *     interrupt status is kept and set again on return
     * @return {@link #ACQUIRED}, {@link #RECOVERED} or {@link #TIMED_OUT}
     * @throws InterruptedException if interruptible and interrupted; the mutex is not taken
     * @throws dev.mproc.MprocException if the structure's owner has exited
     */
    static int lockSlow(ShmObject object, Region r, int base, long nanos, boolean interruptible)
            throws InterruptedException {
        int word = base + STATE;
        int budget = Spin.budget();
        for (int i = 0; i < budget; i++) {
            Spin.pause();
            if (r.getIntVolatile(word) == 0 && r.compareAndSetInt(word, 0, PID)) {
                Spin.succeeded();
                recordHolder(r, base);
                return ACQUIRED;
            }
        }
        if (budget > 0) {
            Spin.failed();
        }
        Wait wait = new Wait(nanos);
        long address = r.address(word);
        boolean interrupted = false;
        try {
            while (true) {
                int v = r.getIntVolatile(word);
                if (v == 0) {
                    if (r.compareAndSetInt(word, 0, PID | WAITERS)) {
                        recordHolder(r, base);
                        return ACQUIRED;
                    }
                    continue;
                }
                if ((v & WAITERS) == 0) {
                    if (!r.compareAndSetInt(word, v, v | WAITERS)) {
                        continue;
                    }
                    v |= WAITERS;
                }
                long slice = wait.slice();
                if (slice == 0) {
                    return TIMED_OUT;
                }
                try {
                    Futex.await(address, v, slice);
                } catch (InterruptedException e) {
                    if (interruptible) {
                        throw e;
                    }
                    interrupted = true;
                }
                if (wait.checkDue()) {
                    object.checkOwnerAlive();
                    int now = r.getIntVolatile(word);
                    if (now != 0 && holderDead(r, base, now & PID_MASK)
                            && r.compareAndSetInt(word, now, PID | WAITERS)) {
                        recordHolder(r, base);
                        return RECOVERED;
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Releases the mutex, whoever holds it; the caller has checked that it may and cleared what it recorded.
     *
     * @return {@code false} if the mutex was not held
     */
    static boolean unlock(Region r, int base) {
        int old = r.getAndSetInt(base + STATE, 0);
        if ((old & WAITERS) != 0) {
            Futex.wake(r.address(base + STATE), 1);
        }
        return old != 0;
    }

    private static boolean holderDead(Region r, int base, int pid) {
        if (pid == PID) {
            return false;
        }
        if (r.getIntAcquire(base + HOLDER_PID) == pid) {
            return !new ProcessIdentity(pid, r.getLong(base + HOLDER_START)).isAlive();
        }
        return ProcessIdentity.of(pid).startTicks() < 0;
    }
}
