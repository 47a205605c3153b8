package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.shared.LongArray;
import java.nio.ByteBuffer;

/** The proxy of an a {@code long} {@link ArrayObject}. */
final class NettyLongArray extends NettyArrayBase implements LongArray {
    private static final long serialVersionUID = 1L;

    /**
     * @param ref the array's handle
     * @param client the owner's client
     * @param length the number of elements
     * @param lock the array's lock, or {@code null} for a lock-free array
     */
    NettyLongArray(Ref ref, ObjectClient client, int length, NettyRLock lock) {
        super(ref, client, length, 8, lock);
    }

    @Override
    public long get(int index) {
        ByteBuffer p = getElement(index);
        return p.getLong(p.position());
    }

    @Override
    public void set(int index, long value) {
        ByteBuffer b = elementBuffer(index);
        b.putLong(value);
        setElement(index, b);
    }

    @Override
    public void copyTo(int index, long[] destination, int offset, int length) {
        checkRange(index, length, offset, destination.length);
        ByteBuffer bytes = readRange(index, length);
        bytes.asLongBuffer().get(destination, offset, length);
    }

    @Override
    public void copyFrom(int index, long[] source, int offset, int length) {
        checkRange(index, length, offset, source.length);
        ByteBuffer bytes = ByteBuffer.allocate(length * 8);
        bytes.asLongBuffer().put(source, offset, length);
        bytes.position(bytes.limit());
        writeRange(index, bytes.flip());
    }
}
