package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.shared.IntArray;
import java.nio.ByteBuffer;

/** The proxy of an an {@code int} {@link ArrayObject}. */
final class NettyIntArray extends NettyArrayBase implements IntArray {
    private static final long serialVersionUID = 1L;

    /**
     * @param ref the array's handle
     * @param client the owner's client
     * @param length the number of elements
     * @param lock the array's lock, or {@code null} for a lock-free array
     */
    NettyIntArray(Ref ref, ObjectClient client, int length, NettyRLock lock) {
        super(ref, client, length, 4, lock);
    }

    @Override
    public int get(int index) {
        ByteBuffer p = getElement(index);
        return p.getInt(p.position());
    }

    @Override
    public void set(int index, int value) {
        ByteBuffer b = elementBuffer(index);
        b.putInt(value);
        setElement(index, b);
    }

    @Override
    public void copyTo(int index, int[] destination, int offset, int length) {
        checkRange(index, length, offset, destination.length);
        ByteBuffer bytes = readRange(index, length);
        bytes.asIntBuffer().get(destination, offset, length);
    }

    @Override
    public void copyFrom(int index, int[] source, int offset, int length) {
        checkRange(index, length, offset, source.length);
        ByteBuffer bytes = ByteBuffer.allocate(length * 4);
        bytes.asIntBuffer().put(source, offset, length);
        bytes.position(bytes.limit());
        writeRange(index, bytes.flip());
    }
}
