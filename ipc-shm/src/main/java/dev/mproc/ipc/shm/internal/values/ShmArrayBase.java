package dev.mproc.ipc.shm.internal.values;

import dev.mproc.ipc.shm.internal.Segment;
import dev.mproc.ipc.shm.internal.sync.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * What the shared arrays share: {@code length} elements of {@code elementSize} bytes at the start of their slot,
 * native byte order, zero at creation (arena memory is). A small array is an arena slot; a large one (above a
 * quarter of an arena segment) gets a segment of its own ({@link Arena}).
 *
 * <pre>
 * offset            size                  field
 *      0            length × elementSize  ELEMENTS, element i at i × elementSize, naturally aligned
 * </pre>
 *
 * Single elements are read and written with volatile semantics; bulk copies go through a {@link ByteBuffer} view
 * (plain accesses, ordered by the lock for an array with one), validated whole before anything is copied.
 */
abstract class ShmArrayBase extends ShmValueBase {
    private static final long serialVersionUID = 1L;

    private final int length;
    private transient ByteBuffer elements;

    ShmArrayBase(int length, int elementSize, boolean withLock) {
        super(Arena.allocate(Math.max(1L, (long) length * elementSize)), withLock);
        this.length = length;
    }

    static int checkLength(int length, int elementSize) {
        if (length < 0) {
            throw new IllegalArgumentException("an array has 0 or more elements, not " + length);
        }
        if ((long) length * elementSize > Segment.MAX_DATA) {
            throw new IllegalArgumentException("an array of " + length + " elements of " + elementSize
                    + " bytes does not fit one shared-memory segment (at most "
                    + Segment.MAX_DATA + " bytes)");
        }
        return length;
    }

    /** @return the number of elements */
    public final int length() {
        return length;
    }

    /** @return the elements as a native-order buffer, position 0, capacity exactly the array's bytes */
    final ByteBuffer elements(int elementSize) {
        ByteBuffer e = elements;
        if (e == null) {
            e = region().view().slice(base, length * elementSize).order(ByteOrder.nativeOrder());
            elements = e;
        }
        return e;
    }

    final int index(int index) {
        return Objects.checkIndex(index, length);
    }

    /** Checks both ranges of a bulk copy before anything is copied. */
    final void checkRange(int index, int arrayLength, int offset, int count) {
        Objects.checkFromIndexSize(index, count, length);
        Objects.checkFromIndexSize(offset, count, arrayLength);
    }
}
