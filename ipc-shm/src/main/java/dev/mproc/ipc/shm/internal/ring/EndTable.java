package dev.mproc.ipc.shm.internal.ring;

import dev.mproc.MprocException;
import dev.mproc.ipc.shm.internal.ProcessIdentity;
import dev.mproc.ipc.shm.internal.Region;

/**
 * Who holds one end of a pipe: per process, the handles it has open and the handles it has encoded for another
 * process that no process has decoded yet (tickets). An end is <em>closed everywhere</em> once no process that is
 * still alive has an open handle or a ticket: closed by every holder, or its holders have exited. A ticket keeps
 * the end open while a handle travels (a parent may close its copy right after giving the end to a child), and
 * lasts as long as the process that encoded it, like the netty backend's.
 *
 * <pre>
 * offset  size  field
 *      0     4  OPEN        sum of COUNT + TICKETS over the slots: 0 means closed everywhere (the cheap check)
 *     16    16  TABLE_LOCK  a {@link RingLock}, held while the slots are edited (a holder that died is recovered)
 *     64  30×32 SLOTS, each:
 *                 0   4  PID      0 for a free slot
 *                 4   4  COUNT    handles open in that process
 *                 8   8  START    the process's start time
 *                16   4  TICKETS  handles it encoded that are not decoded yet
 * </pre>
 * Holders that died leave their slot behind; the slow check ({@link #closedEverywhere(boolean)}), run off the
 * fast paths, reads their liveness, frees their slots and lowers OPEN accordingly. A slot is claimed for a new
 * process from free slots, or from slots of dead processes.
 */
final class EndTable {

    static final int OPEN = 0;
    static final int TABLE_LOCK = 16;
    static final int SLOTS = 64;
    static final int SLOT_PID = 0;
    static final int SLOT_COUNT = 4;
    static final int SLOT_START = 8;
    static final int SLOT_TICKETS = 16;
    static final int SLOT_SIZE = 32;
    static final int SLOT_COUNT_MAX = 30;
    /** Bytes of a table. */
    static final int SIZE = SLOTS + SLOT_COUNT_MAX * SLOT_SIZE;

    private static final ProcessIdentity ME = ProcessIdentity.current();

    private final Region region;
    private final int base;
    private final RingLock tableLock;

    EndTable(Region region, int base) {
        this.region = region;
        this.base = base;
        this.tableLock = new RingLock(region, base + TABLE_LOCK);
    }

    /** @return whether OPEN is zero: closed by every holder (not counting the dead ones not yet found out) */
    boolean closedCheap() {
        return region.getIntVolatile(base + OPEN) == 0;
    }

    /**
     * @param slow also find out holders that died, reading {@code /proc}
     * @return whether no live process holds the end or a ticket of it
     */
    boolean closedEverywhere(boolean slow) {
        if (closedCheap()) {
            return true;
        }
        if (!slow) {
            return false;
        }
        lock();
        try {
            for (int i = 0; i < SLOT_COUNT_MAX; i++) {
                int s = base + SLOTS + i * SLOT_SIZE;
                int pid = region.getInt(s + SLOT_PID);
                if (pid == 0) {
                    continue;
                }
                int held = region.getInt(s + SLOT_COUNT) + region.getInt(s + SLOT_TICKETS);
                if (held > 0 && !alive(s)) {
                    free(s);
                }
            }
            return region.getIntVolatile(base + OPEN) == 0;
        } finally {
            unlock();
        }
    }

    /** Counts one more open handle of this process. */
    void open() {
        lock();
        try {
            int s = mySlot();
            region.setInt(s + SLOT_COUNT, region.getInt(s + SLOT_COUNT) + 1);
            region.getAndAddInt(base + OPEN, 1);
        } finally {
            unlock();
        }
    }

    /**
     * Counts one open handle of this process less.
     *
     * @return whether the end is now closed everywhere (as far as the cheap count knows)
     */
    boolean close() {
        lock();
        try {
            int s = mySlot();
            if (region.getInt(s + SLOT_COUNT) > 0) {
                region.setInt(s + SLOT_COUNT, region.getInt(s + SLOT_COUNT) - 1);
                region.getAndAddInt(base + OPEN, -1);
            }
            return region.getIntVolatile(base + OPEN) == 0;
        } finally {
            unlock();
        }
    }

    /** Counts a ticket of this process: one of its handles is being encoded for another process. */
    void ticket() {
        lock();
        try {
            int s = mySlot();
            region.setInt(s + SLOT_TICKETS, region.getInt(s + SLOT_TICKETS) + 1);
            region.getAndAddInt(base + OPEN, 1);
        } finally {
            unlock();
        }
    }

    /**
     * Turns a ticket into an open handle of this process.
     *
     * @param pid the process that encoded the handle
     * @param start its start time
     */
    void adopt(int pid, long start) {
        lock();
        try {
            int s = mySlot();
            region.setInt(s + SLOT_COUNT, region.getInt(s + SLOT_COUNT) + 1);
            region.getAndAddInt(base + OPEN, 1);
            for (int i = 0; i < SLOT_COUNT_MAX; i++) {
                int t = base + SLOTS + i * SLOT_SIZE;
                if (region.getInt(t + SLOT_PID) == pid && region.getLong(t + SLOT_START) == start
                        && region.getInt(t + SLOT_TICKETS) > 0) {
                    region.setInt(t + SLOT_TICKETS, region.getInt(t + SLOT_TICKETS) - 1);
                    region.getAndAddInt(base + OPEN, -1);
                    break;
                }
            }
        } finally {
            unlock();
        }
    }

    /** Under the table lock: this process's slot, claimed if it has none. */
    private int mySlot() {
        int free = -1;
        for (int i = 0; i < SLOT_COUNT_MAX; i++) {
            int s = base + SLOTS + i * SLOT_SIZE;
            int pid = region.getInt(s + SLOT_PID);
            if (pid == ME.pid() && region.getLong(s + SLOT_START) == ME.startTicks()) {
                return s;
            }
            if (free < 0 && (pid == 0 || !alive(s))) {
                free = s;
            }
        }
        if (free < 0) {
            throw new MprocException("more than " + SLOT_COUNT_MAX + " live processes hold this pipe end");
        }
        free(free);
        region.setLong(free + SLOT_START, ME.startTicks());
        region.setInt(free + SLOT_PID, ME.pid());
        return free;
    }

    private boolean alive(int slot) {
        int pid = region.getInt(slot + SLOT_PID);
        return pid == ME.pid() && region.getLong(slot + SLOT_START) == ME.startTicks()
                || new ProcessIdentity(pid, region.getLong(slot + SLOT_START)).isAlive();
    }

    /** Under the table lock: forgets a slot and what it held. */
    private void free(int slot) {
        int held = region.getInt(slot + SLOT_COUNT) + region.getInt(slot + SLOT_TICKETS);
        if (held != 0) {
            region.getAndAddInt(base + OPEN, -held);
        }
        region.setInt(slot + SLOT_PID, 0);
        region.setInt(slot + SLOT_COUNT, 0);
        region.setInt(slot + SLOT_TICKETS, 0);
        region.setLong(slot + SLOT_START, 0);
    }

    private void lock() {
        if (tableLock.lock()) {
            // Taken over from a holder killed while editing. Its edits are single words, so the slots stay
            // usable; OPEN is recounted from them.
            recount();
        }
    }

    private void recount() {
        int sum = 0;
        for (int i = 0; i < SLOT_COUNT_MAX; i++) {
            int s = base + SLOTS + i * SLOT_SIZE;
            if (region.getInt(s + SLOT_PID) != 0) {
                sum += region.getInt(s + SLOT_COUNT) + region.getInt(s + SLOT_TICKETS);
            }
        }
        region.setIntVolatile(base + OPEN, sum);
    }

    private void unlock() {
        tableLock.unlock();
    }
}
