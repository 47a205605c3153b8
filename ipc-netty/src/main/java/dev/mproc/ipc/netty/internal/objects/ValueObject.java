package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.ipc.netty.internal.Wire;
import java.nio.ByteBuffer;

/**
 * A shared {@code int}, {@code long} or {@code double} at its owner, as 64 bits ({@code int} sign-extended,
 * {@code double} as its raw bits), optionally guarded by an RLock of the same owner. Every operation is one step of
 * the event loop, so atomic; a guarded one waits while another thread holds the lock.
 */
final class ValueObject implements ServerObject {

    /** Op: read; answers 8 bytes. */
    static final byte GET = 10;
    /** Op: write (argument: 8 bytes). */
    static final byte SET = 11;
    /** Op: write and answer the old value. */
    static final byte GET_AND_SET = 12;
    /** Op: add (argument: delta) and answer the old value. */
    static final byte GET_AND_ADD = 13;
    /** Op: compare raw bits and set (arguments: expected, new); answers one byte. */
    static final byte COMPARE_AND_SET = 14;

    /** The value's type, which decides how addition wraps or rounds. */
    enum Kind {
        /** A 32-bit integer. */
        INT,
        /** A 64-bit integer. */
        LONG,
        /** A double. */
        DOUBLE
    }

    private final Kind kind;
    private final LockObject lock;
    private long bits;

    /**
     * @param kind the value's type
     * @param initial its initial bits
     * @param lock the state of its lock, or {@code null} for a lock-free value
     */
    ValueObject(Kind kind, long initial, LockObject lock) {
        this.kind = kind;
        this.bits = initial;
        this.lock = lock;
    }

    @Override
    public void handle(Request request, byte op, ByteBuffer args) {
        if (op < GET || op > COMPARE_AND_SET) {
            request.fail(Wire.ERR_PROTOCOL, "shared value has no op " + op);
        } else if (lock == null) {
            apply(request, op, args);
        } else {
            lock.guard(request, args, a -> apply(request, op, a));
        }
    }

    private void apply(Request request, byte op, ByteBuffer args) {
        long old = bits;
        switch (op) {
            case GET -> {
            }
            case SET, GET_AND_SET -> bits = args.getLong();
            case GET_AND_ADD -> bits = add(old, args.getLong());
            default -> {
                long expected = args.getLong();
                long next = args.getLong();
                boolean swapped = old == expected;
                if (swapped) {
                    bits = next;
                }
                request.ok(new byte[] {(byte) (swapped ? 1 : 0)});
                return;
            }
        }
        request.ok(op == SET ? new byte[0] : ByteBuffer.allocate(8).putLong(old).array());
    }

    private long add(long value, long delta) {
        return switch (kind) {
            case INT -> (int) value + (int) delta;
            case LONG -> value + delta;
            case DOUBLE -> Double.doubleToRawLongBits(Double.longBitsToDouble(value) + Double.longBitsToDouble(delta));
        };
    }
}
