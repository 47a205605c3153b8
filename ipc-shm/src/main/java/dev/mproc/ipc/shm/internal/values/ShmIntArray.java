package dev.mproc.ipc.shm.internal.values;

import dev.mproc.ipc.shm.internal.Region;
import dev.mproc.shared.IntArray;

/** {@link IntArray} in place in shared memory; layout in {@link ShmArrayBase}, 4-byte elements. */
public final class ShmIntArray extends ShmArrayBase implements IntArray {
    private static final long serialVersionUID = 1L;

    private static final int SIZE = 4;

    private ShmIntArray(int length, boolean withLock) {
        super(checkLength(length, SIZE), SIZE, withLock);
    }

    /**
     * @param length the number of elements, at least 0
     * @param withLock whether to associate a new RLock taken by every method
     * @return a new array of zeros owned by this process
     */
    public static ShmIntArray create(int length, boolean withLock) {
        return new ShmIntArray(length, withLock);
    }

    @Override
    public int get(int index) {
        Region r = region();
        int at = base + SIZE * index(index);
        enter();
        try {
            return r.getIntVolatile(at);
        } finally {
            exit();
        }
    }

    @Override
    public void set(int index, int value) {
        Region r = region();
        int at = base + SIZE * index(index);
        enter();
        try {
            r.setIntVolatile(at, value);
        } finally {
            exit();
        }
    }

    @Override
    public void copyTo(int index, int[] destination, int offset, int length) {
        checkRange(index, destination.length, offset, length);
        enter();
        try {
            elements(SIZE).asIntBuffer().get(index, destination, offset, length);
        } finally {
            exit();
        }
    }

    @Override
    public void copyFrom(int index, int[] source, int offset, int length) {
        checkRange(index, source.length, offset, length);
        enter();
        try {
            elements(SIZE).asIntBuffer().put(index, source, offset, length);
        } finally {
            exit();
        }
    }

    @Override
    protected String kind() {
        return "IntArray";
    }
}
