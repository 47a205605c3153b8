package dev.mproc.ipc.shm.internal;

/**
 * Fresh windows of real shared memory for JCStress states (see {@code stress/package-info.java}). JCStress makes
 * a new state object per sample, millions per run, so a state cannot create a segment (a file and a mapping)
 * each: every state takes the next slot of one {@code /dev/shm} segment per JVM, mapped {@code READ_WRITE} as
 * every structure of this backend is, and zeroes it. The slots are reused round-robin; the segment holds far more
 * slots than one JCStress epoch creates states, so a slot is reused only after the state that had it is done.
 */
public final class StressRegions {

    /** Bytes per slot: a multiple of 64, so every slot starts on a cache line and any long in it is aligned. */
    public static final int SLOT = 128;
    private static final int SLOTS = 1 << 17;
    private static final Segment SEGMENT = Segment.create(Segment.Kind.ARENA, (long) SLOT * SLOTS);
    private static final java.util.concurrent.atomic.AtomicInteger NEXT = new java.util.concurrent.atomic.AtomicInteger();

    private StressRegions() {
    }

    /** @return a zeroed window of {@link #SLOT} bytes of a mapped {@code /dev/shm} file, 64-byte aligned */
    public static Region next() {
        int slot = Math.floorMod(NEXT.getAndIncrement(), SLOTS);
        Region r = new Region(SEGMENT.data().mapping(), Segment.HEADER + slot * SLOT, SLOT);
        for (int i = 0; i < SLOT; i += 8) {
            r.setLong(i, 0);
        }
        return r;
    }
}
