package dev.mproc.internal.subprocess;

import java.time.Duration;

/** Deadlines as {@link System#nanoTime()} values, {@link #NONE} for "no limit". */
final class Deadlines {

    /** No deadline. */
    static final long NONE = Long.MAX_VALUE;

    private Deadlines() {
    }

    /**
     * @param timeout the time from now, or {@code null} for none
     * @return the deadline
     */
    static long after(Duration timeout) {
        if (timeout == null) {
            return NONE;
        }
        long now = System.nanoTime();
        long deadline = now + nanos(timeout);
        return deadline < now || deadline == NONE ? NONE - 1 : deadline;
    }

    /**
     * @param deadline a deadline
     * @return the nanoseconds left, 0 once passed, {@code Long.MAX_VALUE} for none
     */
    static long nanosLeft(long deadline) {
        return deadline == NONE ? Long.MAX_VALUE : Math.max(0, deadline - System.nanoTime());
    }

    /**
     * @param timeout a duration
     * @return its nanoseconds, 0 if negative, saturated when too long to count
     */
    static long nanos(Duration timeout) {
        if (timeout.isNegative()) {
            return 0;
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }
}
