package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.shared.DoubleArray;
import java.nio.ByteBuffer;

/** The proxy of an a {@code double} {@link ArrayObject}. */
final class NettyDoubleArray extends NettyArrayBase implements DoubleArray {
    private static final long serialVersionUID = 1L;

    /**
     * @param ref the array's handle
     * @param client the owner's client
     * @param length the number of elements
     * @param lock the array's lock, or {@code null} for a lock-free array
     */
    NettyDoubleArray(Ref ref, ObjectClient client, int length, NettyRLock lock) {
        super(ref, client, length, 8, lock);
    }

    @Override
    public double get(int index) {
        ByteBuffer p = getElement(index);
        return p.getDouble(p.position());
    }

    @Override
    public void set(int index, double value) {
        ByteBuffer b = elementBuffer(index);
        b.putDouble(value);
        setElement(index, b);
    }

    @Override
    public void copyTo(int index, double[] destination, int offset, int length) {
        checkRange(index, length, offset, destination.length);
        ByteBuffer bytes = readRange(index, length);
        bytes.asDoubleBuffer().get(destination, offset, length);
    }

    @Override
    public void copyFrom(int index, double[] source, int offset, int length) {
        checkRange(index, length, offset, source.length);
        ByteBuffer bytes = ByteBuffer.allocate(length * 8);
        bytes.asDoubleBuffer().put(source, offset, length);
        bytes.position(bytes.limit());
        writeRange(index, bytes.flip());
    }
}
