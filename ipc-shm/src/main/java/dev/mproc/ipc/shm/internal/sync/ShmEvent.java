package dev.mproc.ipc.shm.internal.sync;

import dev.mproc.spi.Timeouts;
import dev.mproc.ipc.shm.internal.Futex;
import dev.mproc.ipc.shm.internal.Region;
import dev.mproc.sync.Event;
import java.time.Duration;
import java.util.Objects;

/**
 * {@link Event} in shared memory: one futex word in a 64-byte arena slot.
 *
 * <pre>
 * offset  size  field
 *      0     4  STATE  futex word: CLEAR 0, SET 1, CLEAR_WAITED 2 (clear, and somebody sleeps or is about to)
 *      4    60  (unused)
 * </pre>
 *
 * A waiter turns CLEAR into CLEAR_WAITED by CAS and sleeps on exactly that value; {@link #set()} swaps in SET and
 * wakes everybody only if the old value was CLEAR_WAITED, so a set nobody waits for costs one atomic swap.
 * {@link #clear()} turns SET into CLEAR and leaves CLEAR_WAITED alone (its sleepers are still there).
 */
public final class ShmEvent extends ShmObject implements Event {
    private static final long serialVersionUID = 1L;

    static final int STATE = 0;
    static final int SIZE = 64;
    static final int CLEAR = 0;
    static final int SET = 1;
    static final int CLEAR_WAITED = 2;

    private ShmEvent(Arena.Slot slot) {
        super(slot);
    }

    /** @return a new, clear event owned by this process */
    public static ShmEvent create() {
        return new ShmEvent(Arena.allocate(SIZE));
    }

    @Override
    public void set() {
        Region r = region();
        if (r.getAndSetInt(base + STATE, SET) == CLEAR_WAITED) {
            Futex.wake(r.address(base + STATE), Integer.MAX_VALUE);
        }
    }

    @Override
    public void clear() {
        region().compareAndSetInt(base + STATE, SET, CLEAR);
    }

    @Override
    public boolean isSet() {
        return region().getIntVolatile(base + STATE) == SET;
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
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Region r = region();
        int word = base + STATE;
        if (r.getIntVolatile(word) == SET) {
            return true;
        }
        if (nanos == 0) {
            return false;
        }
        Wait wait = new Wait(nanos);
        long address = r.address(word);
        while (true) {
            int v = r.getIntVolatile(word);
            if (v == SET) {
                return true;
            }
            if (v == CLEAR && !r.compareAndSetInt(word, CLEAR, CLEAR_WAITED)) {
                continue;
            }
            long slice = wait.slice();
            if (slice == 0) {
                return false;
            }
            Futex.await(address, CLEAR_WAITED, slice);
            if (wait.checkDue()) {
                checkOwnerAlive();
            }
        }
    }

    @Override
    protected String kind() {
        return "event";
    }
}
