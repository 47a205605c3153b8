package dev.mproc.ipc.shm.internal.sync;

import dev.mproc.spi.Timeouts;
import dev.mproc.internal.codec.DefaultCodec;
import dev.mproc.ipc.shm.internal.Futex;
import dev.mproc.ipc.shm.internal.ProcessIdentity;
import dev.mproc.ipc.shm.internal.Region;
import dev.mproc.sync.Barrier;
import dev.mproc.sync.BarrierAction;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeoutException;

/**
 * {@link Barrier} in shared memory: a few counters guarded by an internal {@link FutexMutex}, and a generation
 * word the parties sleep on.
 *
 * <pre>
 * offset  size  field
 *      0    64  MUTEX        a FutexMutex (its own cache line) guarding every field below but GENERATION's reads
 *     64     4  GENERATION   futex word: advanced when a pass completes or breaks
 *     68     4  ARRIVED      parties waiting in this generation; PARTIES while the last one runs the action
 *     72     4  BROKEN       1 while the barrier is broken, until reset
 *     76     4  (unused)
 *     80     8  OUTCOMES     bit (g mod 64) set if generation g ended broken, clear if it passed
 *     88    40  (unused)
 *    128  4×P   PARTY_PIDS   P = parties; the pid of the party at each arrival index of this generation
 * </pre>
 *
 * A party arriving takes the mutex, fails at once if BROKEN, records its pid at index ARRIVED; the last one
 * (index P-1) runs the action, if any, outside the mutex (ARRIVED = P meanwhile, so that a surplus thread waits for
 * the next generation), then records the pass in OUTCOMES, advances GENERATION and wakes everybody. The others
 * sleep on GENERATION; once it moves, OUTCOMES tells them whether their generation passed or broke (it cannot be
 * 64 generations ahead while they look: a generation needs every party to pass). Breaking — a timeout, an
 * interrupt, an action that threw, {@link #abort()}, {@link #reset()} with parties waiting, or a dead waiting
 * party, which sleepers look for once per check interval — records the break and advances GENERATION the same way.
 *
 * <p>The action travels with the handle, encoded by the standard codec, and is decoded on first use in the
 * process that runs it.
 */
public final class ShmBarrier extends ShmObject implements Barrier {
    private static final long serialVersionUID = 1L;

    static final int MUTEX = 0;
    static final int GENERATION = 64;
    static final int ARRIVED = 68;
    static final int BROKEN = 72;
    static final int OUTCOMES = 80;
    static final int PARTY_PIDS = 128;

    private static final int PID = ProcessIdentity.current().pid();

    private final int parties;
    private final byte[] encodedAction;
    private transient volatile BarrierAction action;

    private ShmBarrier(Arena.Slot slot, int parties, BarrierAction action, byte[] encodedAction) {
        super(slot);
        this.parties = parties;
        this.action = action;
        this.encodedAction = encodedAction;
    }

    /**
     * @param parties at least 1
     * @param action the action, or {@code null}
     * @return a new barrier owned by this process
     * @throws dev.mproc.CodecException if the action cannot be encoded
     */
    public static ShmBarrier create(int parties, BarrierAction action) {
        if (parties < 1) {
            throw new IllegalArgumentException("a barrier needs at least 1 party, not " + parties);
        }
        if (parties > (Integer.MAX_VALUE - PARTY_PIDS) / 4) {
            throw new IllegalArgumentException("a barrier of " + parties + " parties does not fit one segment");
        }
        byte[] encoded = action == null ? null : DefaultCodec.standard().encode(action);
        return new ShmBarrier(Arena.allocate(PARTY_PIDS + 4L * parties), parties, action, encoded);
    }

    @Override
    public int await() throws InterruptedException, BrokenBarrierException {
        try {
            return awaitNanos(Wait.FOREVER);
        } catch (TimeoutException e) {
            throw new IllegalStateException("a wait without timeout timed out", e);
        }
    }

    @Override
    public int await(Duration timeout) throws InterruptedException, BrokenBarrierException, TimeoutException {
        Objects.requireNonNull(timeout, "timeout");
        return awaitNanos(Timeouts.nanos(timeout));
    }

    private int awaitNanos(long nanos) throws InterruptedException, BrokenBarrierException, TimeoutException {
        Region r = region();
        if (Thread.interrupted()) {
            abort();
            throw new InterruptedException();
        }
        Wait wait = new Wait(nanos);
        lock(r);
        int generation;
        int index;
        while (true) {
            if (r.getInt(base + BROKEN) != 0) {
                unlock(r);
                throw new BrokenBarrierException();
            }
            generation = r.getIntVolatile(base + GENERATION);
            index = r.getInt(base + ARRIVED);
            if (index < parties) {
                break;
            }
            // A surplus party while the last one runs the action: wait for the next generation.
            unlock(r);
            sleepWhile(r, generation, wait);
            lock(r);
        }
        r.setInt(base + PARTY_PIDS + 4 * index, PID);
        if (index == parties - 1) {
            return last(r, generation, index);
        }
        r.setInt(base + ARRIVED, index + 1);
        unlock(r);
        long address = r.address(base + GENERATION);
        while (true) {
            if (r.getIntVolatile(base + GENERATION) != generation) {
                return outcome(r, generation, index);
            }
            long slice = wait.slice();
            if (slice == 0) {
                if (breakIfCurrent(r, generation)) {
                    throw new TimeoutException("the barrier's timeout elapsed before all " + parties
                            + " parties arrived; the barrier is broken");
                }
                continue;
            }
            try {
                Futex.await(address, generation, slice);
            } catch (InterruptedException e) {
                if (breakIfCurrent(r, generation) || broke(r, generation)) {
                    throw e;
                }
                // The pass completed before the interrupt was noticed: return normally, the interrupt pending.
                Thread.currentThread().interrupt();
                return index;
            }
            if (wait.checkDue()) {
                checkOwnerAlive();
                lock(r);
                if (r.getIntVolatile(base + GENERATION) == generation && aPartyDied(r)) {
                    breakGeneration(r, generation);
                }
                unlock(r);
            }
        }
    }

    /** The last party: runs the action, then completes the pass. The mutex is held on entry, released on return. */
    private int last(Region r, int generation, int index) throws BrokenBarrierException {
        if (encodedAction != null) {
            r.setInt(base + ARRIVED, parties);
            unlock(r);
            try {
                action().run();
            } catch (RuntimeException | Error e) {
                breakIfCurrent(r, generation);
                throw e;
            }
            lock(r);
            if (r.getIntVolatile(base + GENERATION) != generation) {
                unlock(r);
                throw new BrokenBarrierException();
            }
        }
        long outcomes = r.getLong(base + OUTCOMES);
        r.setLong(base + OUTCOMES, outcomes & ~(1L << (generation & 63)));
        r.setInt(base + ARRIVED, 0);
        advance(r, generation);
        unlock(r);
        return index;
    }

    private int outcome(Region r, int generation, int index) throws BrokenBarrierException {
        if (broke(r, generation)) {
            throw new BrokenBarrierException();
        }
        return index;
    }

    /** @return whether the given, ended generation broke */
    private boolean broke(Region r, int generation) {
        return (r.getLongVolatile(base + OUTCOMES) & (1L << (generation & 63))) != 0;
    }

    private void sleepWhile(Region r, int generation, Wait wait) throws InterruptedException, TimeoutException {
        long slice = wait.slice();
        if (slice == 0) {
            throw new TimeoutException("the barrier's timeout elapsed while its previous pass completed");
        }
        Futex.await(r.address(base + GENERATION), generation, slice);
        if (wait.checkDue()) {
            checkOwnerAlive();
        }
    }

    /** Breaks the given generation if it is still the current one. @return whether this call broke it */
    private boolean breakIfCurrent(Region r, int generation) {
        lock(r);
        try {
            if (r.getIntVolatile(base + GENERATION) == generation) {
                breakGeneration(r, generation);
                return true;
            }
            return false;
        } finally {
            unlock(r);
        }
    }

    /** Breaks the current generation; the mutex is held. */
    private void breakGeneration(Region r, int generation) {
        r.setInt(base + BROKEN, 1);
        long outcomes = r.getLong(base + OUTCOMES);
        r.setLong(base + OUTCOMES, outcomes | (1L << (generation & 63)));
        r.setInt(base + ARRIVED, 0);
        advance(r, generation);
    }

    private void advance(Region r, int generation) {
        r.setIntVolatile(base + GENERATION, generation + 1);
        Futex.wake(r.address(base + GENERATION), Integer.MAX_VALUE);
    }

    private boolean aPartyDied(Region r) {
        int arrived = Math.min(r.getInt(base + ARRIVED), parties);
        for (int i = 0; i < arrived; i++) {
            int pid = r.getInt(base + PARTY_PIDS + 4 * i);
            if (pid != PID && pid != 0 && ProcessIdentity.of(pid).startTicks() < 0) {
                return true;
            }
        }
        return false;
    }

    private void lock(Region r) {
        if (!FutexMutex.tryLock(r, base + MUTEX)) {
            try {
                FutexMutex.lockSlow(this, r, base + MUTEX, Wait.FOREVER, false);
            } catch (InterruptedException e) {
                throw new AssertionError("an uninterruptible acquisition was interrupted", e);
            }
        }
    }

    private void unlock(Region r) {
        r.setLong(base + MUTEX + FutexMutex.HOLDER_THREAD, 0);
        FutexMutex.unlock(r, base + MUTEX);
    }

    private BarrierAction action() {
        BarrierAction a = action;
        if (a == null) {
            a = (BarrierAction) DefaultCodec.standard().decode(encodedAction, 0, encodedAction.length);
            action = a;
        }
        return a;
    }

    @Override
    public int parties() {
        return parties;
    }

    @Override
    public int waiting() {
        return Math.min(region().getIntVolatile(base + ARRIVED), parties - 1);
    }

    @Override
    public boolean isBroken() {
        return region().getIntVolatile(base + BROKEN) != 0;
    }

    @Override
    public void abort() {
        Region r = region();
        lock(r);
        try {
            if (r.getInt(base + ARRIVED) > 0) {
                breakGeneration(r, r.getIntVolatile(base + GENERATION));
            } else {
                r.setIntVolatile(base + BROKEN, 1);
            }
        } finally {
            unlock(r);
        }
    }

    @Override
    public void reset() {
        Region r = region();
        lock(r);
        try {
            if (r.getInt(base + ARRIVED) > 0) {
                breakGeneration(r, r.getIntVolatile(base + GENERATION));
            }
            r.setIntVolatile(base + BROKEN, 0);
        } finally {
            unlock(r);
        }
    }

    @Override
    protected String kind() {
        return "barrier";
    }
}
