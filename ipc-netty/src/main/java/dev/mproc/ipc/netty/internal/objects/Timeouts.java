package dev.mproc.ipc.netty.internal.objects;

import java.nio.ByteBuffer;
import java.time.Duration;

/** How blocking calls pass their timeout: nanoseconds, {@code -1} for "wait forever", 0 for "do not wait". */
public final class Timeouts {

    /** Wait without limit. */
    public static final long FOREVER = -1;

    private Timeouts() {
    }

    /**
     * @param timeout a caller's timeout; zero or negative means "do not wait"
     * @return the wire form
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

    /**
     * @param nanos a wire timeout
     * @return an 8-byte argument list holding it
     */
    public static byte[] args(long nanos) {
        return ByteBuffer.allocate(8).putLong(nanos).array();
    }
}
