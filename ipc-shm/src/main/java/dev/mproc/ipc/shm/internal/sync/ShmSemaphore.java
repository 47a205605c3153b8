package dev.mproc.ipc.shm.internal.sync;

import dev.mproc.spi.Timeouts;
import dev.mproc.spi.ReleaseOnceHold;
import dev.mproc.ipc.shm.internal.Futex;
import dev.mproc.ipc.shm.internal.Pids;
import dev.mproc.ipc.shm.internal.ProcessIdentity;
import dev.mproc.ipc.shm.internal.Region;
import dev.mproc.sync.BoundedSemaphore;
import dev.mproc.sync.Held;
import dev.mproc.sync.Semaphore;
import java.time.Duration;
import java.util.Objects;

/**
 * {@link Semaphore} and {@link BoundedSemaphore} in shared memory.
 *
 * <pre>
 * offset  size  field
 *      0     4  PERMITS    futex word: the permits available
 *      4     4  SLEEPERS   threads about to sleep or sleeping on PERMITS; changed by those threads only
 *      8     4  DIED       permits given back for dead holders and not yet reported to an acquirer
 *     12    52  (unused)
 *     64  16×N  HOLDERS    N = {@value #HOLDER_ENTRIES} entries, one per process holding permits through hold():
 *               +0   4  PID    0 free, -1 being recovered, else the process (claimed by CAS from 0)
 *               +4   4  COUNT  permits that process holds through hold()
 *               +8   8  START  the process's start time (ProcessIdentity), 0 until written
 * </pre>
 *
 * <p>Taking a permit is one CAS decrementing PERMITS while positive; adding permits is one CAS adding to it, then a
 * read of SLEEPERS, and a {@code FUTEX_WAKE} only if somebody sleeps. No wakeup is lost: a sleeper increments
 * SLEEPERS (an atomic add) before it reads PERMITS and sleeps on the value it read, and an adder changes PERMITS
 * (a CAS) before it reads SLEEPERS; both are sequentially consistent, so either the sleeper sees the new permits
 * or the adder sees the sleeper. SLEEPERS is changed only by sleepers, never cleared by the waker (SHM-NOTES,
 * pitfall 1).
 *
 * <p>Permits taken with {@link #hold()} are counted in the taking process's HOLDERS entry (after the permit is
 * taken; the count is lowered before the permit is added back on close). A blocked acquirer checks the entries
 * once per check interval: the entry of a dead process is claimed by CAS of its PID to -1, its COUNT is added
 * back to PERMITS and to DIED, and the entry is freed. An acquirer that takes a permit while DIED is positive
 * decrements DIED and reports {@link #lastOwnerDied()}: each returned permit is reported once. A process that
 * dies between taking a permit and counting it, or between uncounting it and adding it back, loses that permit:
 * a few instructions, and losing errs on the safe side of a bound.
 */
public class ShmSemaphore extends ShmObject implements Semaphore {
    private static final long serialVersionUID = 1L;

    static final int PERMITS = 0;
    static final int SLEEPERS = 4;
    static final int DIED = 8;
    static final int HOLDERS = 64;
    static final int HOLDER_SIZE = 16;
    static final int HOLDER_PID = 0;
    static final int HOLDER_COUNT = 4;
    static final int HOLDER_START = 8;
    /** How many processes can hold permits through {@link #hold()} at once. */
    static final int HOLDER_ENTRIES = 60;
    static final int SIZE = HOLDERS + HOLDER_SIZE * HOLDER_ENTRIES;

    private static final int PID = ProcessIdentity.current().pid();
    private static final long START = ProcessIdentity.current().startTicks();
    private static final int RECOVERING = -1;

    /** The most permits, or -1 for none. */
    private final int bound;
    private transient volatile DeathFlag deaths;

    ShmSemaphore(Arena.Slot slot, int permits, int bound) {
        super(slot);
        this.bound = bound;
        slot.segment().data().setIntVolatile(slot.offset() + PERMITS, permits);
    }

    /**
     * @param permits the initial permits, at least 0
     * @return a new semaphore owned by this process
     */
    public static ShmSemaphore create(int permits) {
        checkPermits(permits);
        return new ShmSemaphore(Arena.allocate(SIZE), permits, -1);
    }

    static void checkPermits(int permits) {
        if (permits < 0) {
            throw new IllegalArgumentException("a semaphore starts with 0 or more permits, not " + permits);
        }
        if (permits > FutexMutex.PID_MASK) {
            throw new IllegalArgumentException("a semaphore holds at most " + FutexMutex.PID_MASK + " permits, not "
                    + permits);
        }
    }

    @Override
    public final void acquire() throws InterruptedException {
        acquireNanos(Wait.FOREVER);
    }

    @Override
    public final boolean acquire(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        return acquireNanos(Timeouts.nanos(timeout));
    }

    @Override
    public final boolean tryAcquire() {
        Region r = region();
        if (take(r)) {
            taken(r);
            return true;
        }
        return false;
    }

    private boolean acquireNanos(long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Region r = region();
        if (take(r)) {
            taken(r);
            return true;
        }
        if (nanos == 0) {
            return false;
        }
        int budget = Spin.budget();
        for (int i = 0; i < budget; i++) {
            Thread.onSpinWait();
            if (r.getIntVolatile(base + PERMITS) > 0 && take(r)) {
                Spin.succeeded();
                taken(r);
                return true;
            }
        }
        if (budget > 0) {
            Spin.failed();
        }
        Wait wait = new Wait(nanos);
        long address = r.address(base + PERMITS);
        while (true) {
            long slice = wait.slice();
            if (slice == 0) {
                return false;
            }
            r.getAndAddInt(base + SLEEPERS, 1);
            try {
                int v = r.getIntVolatile(base + PERMITS);
                if (v <= 0) {
                    Futex.await(address, v, slice);
                }
            } finally {
                r.getAndAddInt(base + SLEEPERS, -1);
            }
            if (take(r)) {
                taken(r);
                return true;
            }
            if (wait.checkDue()) {
                checkOwnerAlive();
                recoverDeadHolders(r);
            }
        }
    }

    private boolean take(Region r) {
        int word = base + PERMITS;
        while (true) {
            int v = r.getIntVolatile(word);
            if (v <= 0) {
                return false;
            }
            if (r.compareAndSetInt(word, v, v - 1)) {
                return true;
            }
        }
    }

    private void taken(Region r) {
        boolean died = false;
        int d;
        while ((d = r.getIntVolatile(base + DIED)) > 0) {
            if (r.compareAndSetInt(base + DIED, d, d - 1)) {
                died = true;
                break;
            }
        }
        DeathFlag f = deaths;
        if (f == null) {
            if (!died) {
                return;
            }
            synchronized (this) {
                if (deaths == null) {
                    deaths = new DeathFlag();
                }
                f = deaths;
            }
        }
        f.acquired(died);
    }

    @Override
    public final Held hold() throws InterruptedException {
        acquire();
        Region r = region();
        int entry;
        try {
            entry = ownEntry(r);
        } catch (RuntimeException e) {
            add(r, 1);
            throw e;
        }
        r.getAndAddInt(entry + HOLDER_COUNT, 1);
        return new ReleaseOnceHold(() -> {
            r.getAndAddInt(entry + HOLDER_COUNT, -1);
            add(r, 1);
        }, null);
    }

    /** @return the offset of this process's HOLDERS entry, claimed if it has none */
    private int ownEntry(Region r) {
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < HOLDER_ENTRIES; i++) {
                int e = base + HOLDERS + i * HOLDER_SIZE;
                if (r.getIntVolatile(e + HOLDER_PID) == PID) {
                    return e;
                }
            }
            for (int i = 0; i < HOLDER_ENTRIES; i++) {
                int e = base + HOLDERS + i * HOLDER_SIZE;
                if (r.getIntVolatile(e + HOLDER_PID) == 0 && r.compareAndSetInt(e + HOLDER_PID, 0, PID)) {
                    r.setLongVolatile(e + HOLDER_START, START);
                    return e;
                }
            }
            // Full: free the entries of processes that have exited, then look again.
            recoverDeadHolders(r);
        }
        throw new IllegalStateException("more than " + HOLDER_ENTRIES + " live processes hold permits of this "
                + "semaphore through hold(); use acquire() and release(), whose permits are not tracked");
    }

    /** Gives back the permits held through hold() by processes that have exited, and frees their entries. */
    private void recoverDeadHolders(Region r) {
        for (int i = 0; i < HOLDER_ENTRIES; i++) {
            int e = base + HOLDERS + i * HOLDER_SIZE;
            int pid = r.getIntVolatile(e + HOLDER_PID);
            if (pid == 0 || pid == RECOVERING || pid == PID) {
                continue;
            }
            long start = r.getLongVolatile(e + HOLDER_START);
            boolean dead = start != 0 ? !new ProcessIdentity(pid, start).isAlive() : !Pids.exists(pid);
            if (!dead || !r.compareAndSetInt(e + HOLDER_PID, pid, RECOVERING)) {
                continue;
            }
            int count = r.getAndSetInt(e + HOLDER_COUNT, 0);
            r.setLongVolatile(e + HOLDER_START, 0);
            r.setIntVolatile(e + HOLDER_PID, 0);
            if (count > 0) {
                r.getAndAddInt(base + DIED, count);
                addUnbounded(r, count);
            }
        }
    }

    @Override
    public final void release() {
        release(1);
    }

    @Override
    public final void release(int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("release adds at least 1 permit, not " + permits);
        }
        add(region(), permits);
    }

    private void add(Region r, int permits) {
        int word = base + PERMITS;
        while (true) {
            int v = r.getIntVolatile(word);
            long next = (long) v + permits;
            if (bound >= 0 && next > bound) {
                throw new IllegalStateException("semaphore or lock released too many times: " + v + " + " + permits
                        + " permits would exceed the bound of " + bound);
            }
            if (next > FutexMutex.PID_MASK) {
                throw new IllegalStateException("a semaphore holds at most " + FutexMutex.PID_MASK + " permits");
            }
            if (r.compareAndSetInt(word, v, (int) next)) {
                break;
            }
        }
        wakeSleepers(r, permits);
    }

    private void addUnbounded(Region r, int permits) {
        r.getAndAddInt(base + PERMITS, permits);
        wakeSleepers(r, permits);
    }

    private void wakeSleepers(Region r, int permits) {
        if (r.getIntVolatile(base + SLEEPERS) > 0) {
            Futex.wake(r.address(base + PERMITS), permits);
        }
    }

    @Override
    public final int availablePermits() {
        return region().getIntVolatile(base + PERMITS);
    }

    @Override
    public final boolean lastOwnerDied() {
        DeathFlag d = deaths;
        return d != null && d.lastOwnerDied();
    }

    /** @return the bound, or -1 */
    final int boundOrNone() {
        return bound;
    }

    @Override
    protected String kind() {
        return "semaphore";
    }
}
