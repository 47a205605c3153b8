package dev.mproc.ipc.shm.internal.values;

import dev.mproc.ipc.shm.internal.Region;
import dev.mproc.ipc.shm.internal.sync.Arena;
import dev.mproc.shared.DoubleValue;

/**
 * {@link DoubleValue} in place in shared memory, as the bits {@link Double#doubleToRawLongBits} gives, so that
 * compare-and-set compares bit patterns as the contract says.
 *
 * <pre>
 * offset  size  field
 *      0     8  BITS  the double's raw bits, accessed with volatile/CAS semantics
 *      8    56  (unused)
 * </pre>
 */
public final class ShmDoubleValue extends ShmValueBase implements DoubleValue {
    private static final long serialVersionUID = 1L;

    static final int BITS = 0;
    static final int SIZE = 64;

    private ShmDoubleValue(Arena.Slot slot, boolean withLock) {
        super(slot, withLock);
    }

    /**
     * @param initial the initial value
     * @param withLock whether to associate a new RLock taken by every method
     * @return a new value owned by this process
     */
    public static ShmDoubleValue create(double initial, boolean withLock) {
        ShmDoubleValue v = new ShmDoubleValue(Arena.allocate(SIZE), withLock);
        v.region().setLongVolatile(v.base + BITS, Double.doubleToRawLongBits(initial));
        return v;
    }

    @Override
    public double get() {
        Region r = region();
        enter();
        try {
            return Double.longBitsToDouble(r.getLongVolatile(base + BITS));
        } finally {
            exit();
        }
    }

    @Override
    public void set(double value) {
        Region r = region();
        enter();
        try {
            r.setLongVolatile(base + BITS, Double.doubleToRawLongBits(value));
        } finally {
            exit();
        }
    }

    @Override
    public double getAndSet(double value) {
        Region r = region();
        enter();
        try {
            return Double.longBitsToDouble(r.getAndSetLong(base + BITS, Double.doubleToRawLongBits(value)));
        } finally {
            exit();
        }
    }

    @Override
    public double getAndAdd(double delta) {
        Region r = region();
        enter();
        try {
            while (true) {
                long bits = r.getLongVolatile(base + BITS);
                double old = Double.longBitsToDouble(bits);
                if (r.compareAndSetLong(base + BITS, bits, Double.doubleToRawLongBits(old + delta))) {
                    return old;
                }
            }
        } finally {
            exit();
        }
    }

    @Override
    public boolean compareAndSet(double expected, double newValue) {
        Region r = region();
        enter();
        try {
            return r.compareAndSetLong(base + BITS, Double.doubleToRawLongBits(expected),
                    Double.doubleToRawLongBits(newValue));
        } finally {
            exit();
        }
    }

    @Override
    protected String kind() {
        return "DoubleValue";
    }
}
