package dev.mproc.ipc.shm.internal.values;

import dev.mproc.ipc.shm.internal.Region;
import dev.mproc.shared.LongArray;

/** {@link LongArray} in place in shared memory; layout in {@link ShmArrayBase}, 8-byte elements. */
public final class ShmLongArray extends ShmArrayBase implements LongArray {
    private static final long serialVersionUID = 1L;

    private static final int SIZE = 8;

    private ShmLongArray(int length, boolean withLock) {
        super(checkLength(length, SIZE), SIZE, withLock);
    }

    /**
     * @param length the number of elements, at least 0
     * @param withLock whether to associate a new RLock taken by every method
     * @return a new array of zeros owned by this process
     */
    public static ShmLongArray create(int length, boolean withLock) {
        return new ShmLongArray(length, withLock);
    }

    @Override
    public long get(int index) {
        Region r = region();
        int at = base + SIZE * index(index);
        enter();
        try {
            return r.getLongVolatile(at);
        } finally {
            exit();
        }
    }

    @Override
    public void set(int index, long value) {
        Region r = region();
        int at = base + SIZE * index(index);
        enter();
        try {
            r.setLongVolatile(at, value);
        } finally {
            exit();
        }
    }

    @Override
    public void copyTo(int index, long[] destination, int offset, int length) {
        checkRange(index, destination.length, offset, length);
        enter();
        try {
            elements(SIZE).asLongBuffer().get(index, destination, offset, length);
        } finally {
            exit();
        }
    }

    @Override
    public void copyFrom(int index, long[] source, int offset, int length) {
        checkRange(index, source.length, offset, length);
        enter();
        try {
            elements(SIZE).asLongBuffer().put(index, source, offset, length);
        } finally {
            exit();
        }
    }

    @Override
    protected String kind() {
        return "LongArray";
    }
}
