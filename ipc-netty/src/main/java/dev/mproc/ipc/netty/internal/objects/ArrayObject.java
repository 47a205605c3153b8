package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.ipc.netty.internal.Wire;
import java.nio.ByteBuffer;

/**
 * A shared array of fixed-size elements at its owner, as big-endian bytes, optionally guarded by an RLock of the
 * same owner. The proxy checks indexes against the length it carries; the owner checks them again, since a frame
 * may come from anywhere.
 */
final class ArrayObject implements ServerObject {

    /** Op: read one element (argument: index); answers its bytes. */
    static final byte GET = 10;
    /** Op: write one element (arguments: index, bytes). */
    static final byte SET = 11;
    /** Op: read a range (arguments: index, count); answers the bytes. */
    static final byte COPY_TO = 12;
    /** Op: write a range (arguments: index, bytes). */
    static final byte COPY_FROM = 13;

    private final byte[] data;
    private final int elementSize;
    private final LockObject lock;

    /**
     * @param length the number of elements
     * @param elementSize bytes per element
     * @param lock the state of its lock, or {@code null} for a lock-free array
     */
    ArrayObject(int length, int elementSize, LockObject lock) {
        this.data = new byte[Math.multiplyExact(length, elementSize)];
        this.elementSize = elementSize;
        this.lock = lock;
    }

    @Override
    public void handle(Request request, byte op, ByteBuffer args) {
        if (op < GET || op > COPY_FROM) {
            request.fail(Wire.ERR_PROTOCOL, "shared array has no op " + op);
        } else if (lock == null) {
            apply(request, op, args);
        } else {
            lock.guard(request, args, a -> apply(request, op, a));
        }
    }

    private void apply(Request request, byte op, ByteBuffer args) {
        int index = args.getInt();
        int count = switch (op) {
            case GET, SET -> 1;
            case COPY_TO -> args.getInt();
            default -> args.remaining() / elementSize;
        };
        int length = data.length / elementSize;
        if (index < 0 || count < 0 || index > length - count) {
            request.fail(Wire.ERR_ILLEGAL_ARGUMENT, "range [" + index + ", " + index + " + " + count
                    + ") out of bounds for length " + length);
            return;
        }
        int offset = index * elementSize;
        int bytes = count * elementSize;
        if (op == GET || op == COPY_TO) {
            byte[] out = new byte[bytes];
            System.arraycopy(data, offset, out, 0, bytes);
            request.ok(out);
        } else {
            args.get(data, offset, bytes);
            request.ok();
        }
    }
}
