package dev.mproc.ipc.shm.internal.ring;

import dev.mproc.MprocException;
import dev.mproc.internal.codec.DefaultCodec;
import dev.mproc.ipc.shm.internal.Segment;
import dev.mproc.spi.Codec;

/** What the ring-based objects share: sizes, the codec, attaching and the owner check. */
final class RingSegments {

    /**
     * Bytes of a ring's record buffer: {@code mproc.shm.ringBytes}, default 256 KiB, rounded up to a power of two.
     * The memory is reserved when the object is created, so it stays moderate; messages larger than a quarter of
     * it are spilled (see {@link Ring}).
     */
    static final int RING_BYTES = powerOfTwo(Integer.getInteger("mproc.shm.ringBytes", 256 << 10));

    /**
     * The codec of items and messages in every process: the context's codec is {@link DefaultCodec#standard()}
     * (as for the socket backend's handles, which find it the same way in a child).
     */
    static final Codec CODEC = DefaultCodec.standard();

    private RingSegments() {
    }

    private static int powerOfTwo(int n) {
        int v = Math.max(4096, Math.min(n, 1 << 30));
        return Integer.bitCount(v) == 1 ? v : Integer.highestOneBit(v) << 1;
    }

    /**
     * @param name a segment name
     * @return the attached segment
     * @throws MprocException if it is gone, which means its owner has exited
     */
    static Segment attach(String name) {
        try {
            return Segment.attach(name, Segment.Kind.RING);
        } catch (MprocException e) {
            throw new MprocException("shared-memory queue or pipe " + name + " is gone (its owner has exited): "
                    + e.getMessage(), e);
        }
    }

    /**
     * The check every wait runs after each sleep slice: the owner must be alive.
     *
     * @param segment the object's segment
     * @param what names the object
     * @return the check
     */
    static Waiter.Check ownerAlive(Segment segment, Object what) {
        return () -> {
            if (!segment.owner().isAlive()) {
                throw new MprocException(what + ": its owner " + segment.owner() + " has exited");
            }
            return false;
        };
    }

    /**
     * @param nanos a timeout in nanoseconds
     * @return the deadline, {@link Long#MAX_VALUE} for {@link Long#MAX_VALUE}
     */
    static long deadline(long nanos) {
        if (nanos == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        long d = System.nanoTime() + Math.max(0, nanos);
        return d == Long.MAX_VALUE ? d - 1 : d;
    }

    /** @return nanoseconds of a duration, saturated */
    static long nanos(java.time.Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? 0 : Long.MAX_VALUE - 1;
        }
    }
}
