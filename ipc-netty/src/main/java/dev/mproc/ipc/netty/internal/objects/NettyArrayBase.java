package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.sync.RLock;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

/**
 * What the proxies of an {@link ArrayObject} share: bounds checks against the length the handle carries, and bulk
 * copies in frames of at most {@link #CHUNK_BYTES}. A copy of several frames on an array with a lock holds the lock
 * around them, so that it stays atomic as a whole, as the api promises; lock-free arrays promise no such thing.
 */
abstract class NettyArrayBase extends RemoteObject {
    private static final long serialVersionUID = 1L;

    /** The most bytes one frame of a bulk copy carries, well under any sensible frame limit. */
    static final int CHUNK_BYTES = 4 << 20;

    private final int length;
    private final int elementSize;
    private final NettyRLock lock;

    /**
     * @param ref the array's handle
     * @param client the owner's client
     * @param length the number of elements
     * @param elementSize bytes per element
     * @param lock the array's lock, or {@code null} for a lock-free array
     */
    NettyArrayBase(Ref ref, ObjectClient client, int length, int elementSize, NettyRLock lock) {
        super(ref, client);
        this.length = length;
        this.elementSize = elementSize;
        this.lock = lock;
    }

    public final int length() {
        return length;
    }

    public final Optional<RLock> lock() {
        return Optional.ofNullable(lock);
    }

    /**
     * @param index an element's index
     * @return that element's bytes
     */
    final ByteBuffer getElement(int index) {
        Objects.checkIndex(index, length);
        return client().callQuick(ref.id(), ArrayObject.GET, ByteBuffer.allocate(4).putInt(index).array()).payload();
    }

    /**
     * @param index an element's index
     * @param element a buffer of {@code 4 + elementSize} bytes, positioned after the index, which this fills in
     */
    final void setElement(int index, ByteBuffer element) {
        Objects.checkIndex(index, length);
        element.putInt(0, index);
        client().callQuick(ref.id(), ArrayObject.SET, element.array());
    }

    /**
     * @param index where the new element goes
     * @return a buffer for {@link #setElement(int, ByteBuffer)}, positioned where the element's bytes go
     */
    final ByteBuffer elementBuffer(int index) {
        return ByteBuffer.allocate(4 + elementSize).putInt(index);
    }

    /**
     * Checks the ranges of a bulk copy.
     *
     * @param index the first element of this array
     * @param count how many elements
     * @param offset the first element of the local array
     * @param localLength the local array's length
     */
    final void checkRange(int index, int count, int offset, int localLength) {
        Objects.checkFromIndexSize(index, count, length);
        Objects.checkFromIndexSize(offset, count, localLength);
    }

    /**
     * Reads a range, already checked.
     *
     * @param index the first element
     * @param count how many elements
     * @return their bytes, big-endian
     */
    final ByteBuffer readRange(int index, int count) {
        int perChunk = CHUNK_BYTES / elementSize;
        if (count == 0) {
            return ByteBuffer.allocate(0);
        }
        if (count <= perChunk) {
            return readChunk(index, count);
        }
        ByteBuffer all = ByteBuffer.allocate(count * elementSize);
        holdingLock(() -> {
            for (int done = 0; done < count; done += perChunk) {
                all.put(readChunk(index + done, Math.min(perChunk, count - done)));
            }
        });
        return all.flip();
    }

    private ByteBuffer readChunk(int index, int count) {
        return client().callQuick(ref.id(), ArrayObject.COPY_TO,
                ByteBuffer.allocate(8).putInt(index).putInt(count).array()).payload();
    }

    /**
     * Writes a range, already checked.
     *
     * @param index the first element
     * @param bytes the elements' bytes, big-endian, from position to limit
     */
    final void writeRange(int index, ByteBuffer bytes) {
        int count = bytes.remaining() / elementSize;
        int perChunk = CHUNK_BYTES / elementSize;
        if (count == 0) {
            return;
        }
        holdingLockIf(count > perChunk, () -> {
            for (int done = 0; done < count; done += perChunk) {
                int n = Math.min(perChunk, count - done);
                byte[] args = new byte[4 + n * elementSize];
                ByteBuffer.wrap(args).putInt(index + done);
                bytes.get(args, 4, n * elementSize);
                client().callQuick(ref.id(), ArrayObject.COPY_FROM, args);
            }
        });
    }

    private void holdingLock(Runnable copy) {
        holdingLockIf(true, copy);
    }

    private void holdingLockIf(boolean several, Runnable copy) {
        if (!several || lock == null) {
            copy.run();
            return;
        }
        // Uninterruptible, as every method of a value with a lock; the interrupt status is restored afterwards.
        boolean interrupted = false;
        while (true) {
            try {
                lock.acquire();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        try {
            copy.run();
        } finally {
            lock.release();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
