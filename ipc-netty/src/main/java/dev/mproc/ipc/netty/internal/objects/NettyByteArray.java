package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.shared.ByteArray;
import java.nio.ByteBuffer;

/** The proxy of an a {@code byte} {@link ArrayObject}. */
final class NettyByteArray extends NettyArrayBase implements ByteArray {
    private static final long serialVersionUID = 1L;

    /**
     * @param ref the array's handle
     * @param client the owner's client
     * @param length the number of elements
     * @param lock the array's lock, or {@code null} for a lock-free array
     */
    NettyByteArray(Ref ref, ObjectClient client, int length, NettyRLock lock) {
        super(ref, client, length, 1, lock);
    }

    @Override
    public byte get(int index) {
        ByteBuffer p = getElement(index);
        return p.get(p.position());
    }

    @Override
    public void set(int index, byte value) {
        ByteBuffer b = elementBuffer(index);
        b.put(value);
        setElement(index, b);
    }

    @Override
    public void copyTo(int index, byte[] destination, int offset, int length) {
        checkRange(index, length, offset, destination.length);
        ByteBuffer bytes = readRange(index, length);
        bytes.get(destination, offset, length);
    }

    @Override
    public void copyFrom(int index, byte[] source, int offset, int length) {
        checkRange(index, length, offset, source.length);
        ByteBuffer bytes = ByteBuffer.allocate(length * 1);
        bytes.put(source, offset, length);
        writeRange(index, bytes.flip());
    }
}
