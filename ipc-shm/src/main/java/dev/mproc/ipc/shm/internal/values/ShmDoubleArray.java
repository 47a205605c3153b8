package dev.mproc.ipc.shm.internal.values;

import dev.mproc.ipc.shm.internal.Region;
import dev.mproc.shared.DoubleArray;

/** {@link DoubleArray} in place in shared memory; layout in {@link ShmArrayBase}, 8-byte elements. */
public final class ShmDoubleArray extends ShmArrayBase implements DoubleArray {
    private static final long serialVersionUID = 1L;

    private static final int SIZE = 8;

    private ShmDoubleArray(int length, boolean withLock) {
        super(checkLength(length, SIZE), SIZE, withLock);
    }

    /**
     * @param length the number of elements, at least 0
     * @param withLock whether to associate a new RLock taken by every method
     * @return a new array of zeros owned by this process
     */
    public static ShmDoubleArray create(int length, boolean withLock) {
        return new ShmDoubleArray(length, withLock);
    }

    @Override
    public double get(int index) {
        Region r = region();
        int at = base + SIZE * index(index);
        enter();
        try {
            return Double.longBitsToDouble(r.getLongVolatile(at));
        } finally {
            exit();
        }
    }

    @Override
    public void set(int index, double value) {
        Region r = region();
        int at = base + SIZE * index(index);
        enter();
        try {
            r.setLongVolatile(at, Double.doubleToRawLongBits(value));
        } finally {
            exit();
        }
    }

    @Override
    public void copyTo(int index, double[] destination, int offset, int length) {
        checkRange(index, destination.length, offset, length);
        enter();
        try {
            elements(SIZE).asDoubleBuffer().get(index, destination, offset, length);
        } finally {
            exit();
        }
    }

    @Override
    public void copyFrom(int index, double[] source, int offset, int length) {
        checkRange(index, source.length, offset, length);
        enter();
        try {
            elements(SIZE).asDoubleBuffer().put(index, source, offset, length);
        } finally {
            exit();
        }
    }

    @Override
    protected String kind() {
        return "DoubleArray";
    }
}
