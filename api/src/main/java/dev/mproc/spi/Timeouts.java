package dev.mproc.spi;

import java.time.Duration;

/**
 * The one conversion of the api's {@link Duration} timeouts that every backend's blocking calls share: a count of
 * nanoseconds, {@link #FOREVER} for "wait without limit", 0 for "do not wait".
 */
public final class Timeouts {

    /** Wait without limit. */
    public static final long FOREVER = -1;

    private Timeouts() {
    }

    /**
     * @param timeout a caller's timeout; zero or negative means "do not wait", as the api documents
     * @return nanoseconds, {@link #FOREVER} when too long to count
     */
    public static long nanos(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            return 0;
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return FOREVER;
        }
    }
}
