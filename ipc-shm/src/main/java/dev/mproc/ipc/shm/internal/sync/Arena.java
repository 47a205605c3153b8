package dev.mproc.ipc.shm.internal.sync;

import dev.mproc.ipc.shm.internal.Segment;

/**
 * Where this process puts the state of the synchronizers and shared values it creates: slots carved, in
 * 64-byte units, out of {@link Segment.Kind#ARENA} segments it creates on demand, so that a lock costs 64 bytes
 * of an existing mapping instead of a file and a mapping of its own. A structure larger than a quarter of an
 * arena segment (a big array) gets a segment of its own, at offset 0.
 *
 * <pre>
 * ARENA segment, data part (SEGMENT_SIZE bytes)
 *   0        64       128               ...
 *   | slot 0 | slot 1 | slot 2 (2 units) | ... free ... |
 * </pre>
 *
 * Every slot starts on a 64-byte boundary (the data of a segment does), so each small structure has a cache
 * line to itself and every word in it is aligned for atomic access. Slots are handed out in order and never
 * reused: a structure's state lives as long as its owner process (the {@link dev.mproc.SharedObject} contract),
 * and other processes may still hold handles to it when the owner has dropped its own. Fresh segments are
 * zero-filled, so a new slot is all zeros. Thread-safe.
 */
public final class Arena {

    /** The allocation unit and alignment: one cache line. */
    public static final int UNIT = 64;
    /** Data size of one arena segment. */
    static final int SEGMENT_SIZE = 256 * 1024;
    /** Structures above this size get a segment of their own. */
    static final int OWN_SEGMENT_ABOVE = SEGMENT_SIZE / 4;

    private static final Object LOCK = new Object();
    private static Segment current;
    private static int next;

    private Arena() {
    }

    /** Where a structure was placed. */
    public record Slot(Segment segment, int offset) {
    }

    /**
     * Reserves zeroed shared memory for a structure owned by this process.
     *
     * @param bytes the structure's size, at least 1
     * @return its segment and offset, 64-byte aligned
     * @throws dev.mproc.MprocException if no shared memory can be reserved (the message names size and room)
     */
    public static Slot allocate(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("a slot holds at least 1 byte, not " + bytes);
        }
        long rounded = (bytes + UNIT - 1) / UNIT * UNIT;
        if (rounded > OWN_SEGMENT_ABOVE) {
            return new Slot(Segment.create(Segment.Kind.ARENA, rounded), 0);
        }
        synchronized (LOCK) {
            if (current == null || next + rounded > SEGMENT_SIZE) {
                current = Segment.create(Segment.Kind.ARENA, SEGMENT_SIZE);
                next = 0;
            }
            Slot slot = new Slot(current, next);
            next += (int) rounded;
            return slot;
        }
    }
}
