package dev.mproc.ipc.shm.internal.sync;

import dev.mproc.spi.Timeouts;

/**
 * The clock of one blocking call: its deadline, the length of the next futex sleep, and when the next liveness
 * check is due. Futex sleeps are never longer than {@link #SLICE_NANOS}: the kernel sleep does not react to
 * {@link Thread#interrupt()}, so a sleeper wakes that often to notice an interrupt, and every {@link
 * #CHECK_NANOS} it checks the processes it depends on (a lock's holder, the structure's owner), which costs a
 * read of {@code /proc}. An idle waiter thus wakes 50 times a second for a few microseconds: no core is kept busy.
 */
final class Wait {

    /** The longest single futex sleep. */
    static final long SLICE_NANOS = 20_000_000L;
    /** How often a sleeper checks the liveness of the processes it waits for. */
    static final long CHECK_NANOS = 100_000_000L;
    /** A timeout meaning "no limit". */
    static final long FOREVER = Timeouts.FOREVER;

    private final long start;
    private final long nanos;
    private long nextCheck;

    /**
     * @param nanos the longest wait, {@link #FOREVER} for none, 0 or less for "do not wait"
     */
    Wait(long nanos) {
        this.start = System.nanoTime();
        this.nanos = nanos;
        this.nextCheck = start + CHECK_NANOS;
    }

    /** @return the remaining time, 0 once the deadline has passed; {@link Long#MAX_VALUE} without a limit */
    long remaining() {
        if (nanos == FOREVER) {
            return Long.MAX_VALUE;
        }
        long left = nanos - (System.nanoTime() - start);
        return Math.max(left, 0);
    }

    /** @return whether the deadline has passed */
    boolean expired() {
        return remaining() == 0;
    }

    /** @return the length of the next sleep: the remaining time, at most a slice; 0 once expired */
    long slice() {
        return Math.min(remaining(), SLICE_NANOS);
    }

    /** @return {@code true} once per {@link #CHECK_NANOS}: time to check the processes waited for */
    boolean checkDue() {
        long now = System.nanoTime();
        if (now - nextCheck >= 0) {
            nextCheck = now + CHECK_NANOS;
            return true;
        }
        return false;
    }
}
