package dev.mproc.ipc.shm.internal.sync;

import dev.mproc.spi.Timeouts;
import dev.mproc.ipc.shm.internal.Futex;
import dev.mproc.ipc.shm.internal.Pids;
import dev.mproc.ipc.shm.internal.ProcessIdentity;
import dev.mproc.ipc.shm.internal.Region;
import dev.mproc.sync.Condition;
import dev.mproc.sync.Lock;
import java.time.Duration;
import java.util.Objects;

/**
 * {@link Condition} in shared memory, bound to a {@link ShmLock} or {@link ShmRLock}: waiters take numbered
 * tickets, and a signal grants the oldest tickets of live waiters.
 *
 * <pre>
 * offset  size  field
 *      0     4  GRANTED  futex word: every ticket before this one has been signalled (or cancelled)
 *      4     4  ENTERED  the next ticket to hand out
 *      8    56  (unused)
 *     64  4×N   TICKETS  N = {@value #CAPACITY}; ticket t at index (t mod N): the pid of its waiter, 0 once
 *                        cancelled (its waiter timed out or was interrupted without being signalled)
 * </pre>
 *
 * Tickets count with {@code int} arithmetic that wraps; they are compared by difference. Everything but the
 * waiters' reads of GRANTED happens under the condition's lock, whose acquisition and release order it across
 * processes.
 *
 * <ul>
 *   <li>A waiter, holding the lock, takes ticket t = ENTERED, writes its pid at t, advances ENTERED, releases the
 *       lock whole, and sleeps on GRANTED until GRANTED has passed t (signalled) or its timeout elapses. It then
 *       takes the lock back; if it was not signalled, it looks once more (a signal may have come meanwhile) and
 *       otherwise cancels its ticket, so that no later signal is spent on it.</li>
 *   <li>{@code signal(n)} moves GRANTED past up to n tickets of live waiters, skipping cancelled tickets and those
 *       of dead processes (checked with {@code kill(pid, 0)} for other processes' waiters), and wakes the
 *       sleepers on GRANTED if it granted any. Each sleeper checks its own ticket: exactly the chosen ones return
 *       signalled, and a thread that starts waiting after the signal gets a later ticket, never a granted one.</li>
 * </ul>
 * At most {@value #CAPACITY} threads wait at once; one more is refused with {@link IllegalStateException}.
 */
public final class ShmCondition extends ShmObject implements Condition {
    private static final long serialVersionUID = 1L;

    static final int GRANTED = 0;
    static final int ENTERED = 4;
    static final int TICKETS = 64;
    /** How many threads may wait at once; a power of two. */
    static final int CAPACITY = 1024;
    static final int SIZE = TICKETS + 4 * CAPACITY;

    private static final int PID = ProcessIdentity.current().pid();

    private final ShmLockBase lock;

    private ShmCondition(Arena.Slot slot, ShmLockBase lock) {
        super(slot);
        this.lock = lock;
    }

    /**
     * @param lock a lock of this backend created by this process
     * @return a new condition owned by this process
     * @throws IllegalArgumentException if the lock is of another backend or owned by another process
     */
    public static ShmCondition create(Lock lock) {
        Objects.requireNonNull(lock, "lock");
        if (!(lock instanceof ShmLockBase shm)) {
            throw new IllegalArgumentException("a condition of the shm backend needs a Lock or RLock of the shm "
                    + "backend, not " + lock.getClass().getName());
        }
        if (!shm.ownedByThisProcess()) {
            throw new IllegalArgumentException("a condition needs a lock created by the same process (pid "
                    + PID + "), not by process " + shm.ownerPid() + ": the condition would outlive it");
        }
        return new ShmCondition(Arena.allocate(SIZE), shm);
    }

    @Override
    public Lock lock() {
        return lock;
    }

    @Override
    public void await() throws InterruptedException {
        awaitNanos(Wait.FOREVER);
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        return awaitNanos(Timeouts.nanos(timeout));
    }

    private boolean awaitNanos(long nanos) throws InterruptedException {
        requireHeld("wait on");
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (nanos == 0) {
            return false;
        }
        Region r = region();
        int ticket = enter(r);
        int count = lock.releaseForWait();
        boolean signalled = false;
        InterruptedException interrupted = null;
        RuntimeException failure = null;
        try {
            Wait wait = new Wait(nanos);
            long address = r.address(base + GRANTED);
            while (true) {
                int granted = r.getIntVolatile(base + GRANTED);
                if (granted - ticket > 0) {
                    signalled = true;
                    break;
                }
                long slice = wait.slice();
                if (slice == 0) {
                    break;
                }
                Futex.await(address, granted, slice);
                if (wait.checkDue()) {
                    checkOwnerAlive();
                }
            }
        } catch (InterruptedException e) {
            interrupted = e;
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            lock.reacquireAfterWait(count);
        }
        if (!signalled) {
            if (r.getIntVolatile(base + GRANTED) - ticket > 0) {
                signalled = true;
            } else {
                cancel(r, ticket);
            }
        }
        if (failure != null) {
            throw failure;
        }
        if (interrupted != null) {
            if (!signalled) {
                throw interrupted;
            }
            // Signalled before the interrupt was noticed: the signal is not lost; the interrupt stays pending.
            Thread.currentThread().interrupt();
        }
        return signalled;
    }

    /** Takes a ticket; the caller holds the lock. */
    private int enter(Region r) {
        int granted = r.getIntVolatile(base + GRANTED);
        int ticket = r.getInt(base + ENTERED);
        if (ticket - granted >= CAPACITY) {
            throw new IllegalStateException("more than " + CAPACITY + " threads are waiting on this condition");
        }
        r.setInt(slot(ticket), PID);
        r.setIntVolatile(base + ENTERED, ticket + 1);
        return ticket;
    }

    /** Withdraws a ticket that was not signalled; the caller holds the lock. */
    private void cancel(Region r, int ticket) {
        r.setInt(slot(ticket), 0);
        int granted = r.getIntVolatile(base + GRANTED);
        int entered = r.getInt(base + ENTERED);
        int g = granted;
        while (g != entered && r.getInt(slot(g)) == 0) {
            g++;
        }
        if (g != granted) {
            // Only cancelled tickets are passed: nobody is woken, and the capacity they held is free again.
            r.setIntVolatile(base + GRANTED, g);
        }
    }

    private int slot(int ticket) {
        return base + TICKETS + 4 * (ticket & (CAPACITY - 1));
    }

    @Override
    public void signal(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("signal wakes 0 or more threads, not " + n);
        }
        requireHeld("signal");
        Region r = region();
        int granted = r.getIntVolatile(base + GRANTED);
        int entered = r.getInt(base + ENTERED);
        int g = granted;
        int chosen = 0;
        while (chosen < n && g != entered) {
            int pid = r.getInt(slot(g));
            if (pid != 0 && (pid == PID || Pids.exists(pid))) {
                chosen++;
            }
            g++;
        }
        if (g != granted) {
            r.setIntVolatile(base + GRANTED, g);
            if (chosen > 0) {
                Futex.wake(r.address(base + GRANTED), Integer.MAX_VALUE);
            }
        }
    }

    @Override
    public void signalAll() {
        signal(Integer.MAX_VALUE);
    }

    private void requireHeld(String what) {
        if (!lock.heldByCurrentThread()) {
            throw new IllegalStateException("cannot " + what + " a condition without holding its lock: acquire it"
                    + " first, in this thread (Python's 'must acquire() condition before using wait()')");
        }
    }

    @Override
    protected String kind() {
        return "condition";
    }
}
