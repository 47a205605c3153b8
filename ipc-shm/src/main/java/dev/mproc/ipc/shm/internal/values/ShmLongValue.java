package dev.mproc.ipc.shm.internal.values;

import dev.mproc.ipc.shm.internal.Region;
import dev.mproc.ipc.shm.internal.sync.Arena;
import dev.mproc.shared.LongValue;

/**
 * {@link LongValue} in place in shared memory.
 *
 * <pre>
 * offset  size  field
 *      0     8  VALUE  the long, accessed with volatile/CAS/getAndAdd semantics
 *      8    56  (unused)
 * </pre>
 */
public final class ShmLongValue extends ShmValueBase implements LongValue {
    private static final long serialVersionUID = 1L;

    static final int VALUE = 0;
    static final int SIZE = 64;

    private ShmLongValue(Arena.Slot slot, boolean withLock) {
        super(slot, withLock);
    }

    /**
     * @param initial the initial value
     * @param withLock whether to associate a new RLock taken by every method
     * @return a new value owned by this process
     */
    public static ShmLongValue create(long initial, boolean withLock) {
        ShmLongValue v = new ShmLongValue(Arena.allocate(SIZE), withLock);
        v.region().setLongVolatile(v.base + VALUE, initial);
        return v;
    }

    @Override
    public long get() {
        Region r = region();
        enter();
        try {
            return r.getLongVolatile(base + VALUE);
        } finally {
            exit();
        }
    }

    @Override
    public void set(long value) {
        Region r = region();
        enter();
        try {
            r.setLongVolatile(base + VALUE, value);
        } finally {
            exit();
        }
    }

    @Override
    public long getAndSet(long value) {
        Region r = region();
        enter();
        try {
            return r.getAndSetLong(base + VALUE, value);
        } finally {
            exit();
        }
    }

    @Override
    public long getAndAdd(long delta) {
        Region r = region();
        enter();
        try {
            return r.getAndAddLong(base + VALUE, delta);
        } finally {
            exit();
        }
    }

    @Override
    public boolean compareAndSet(long expected, long newValue) {
        Region r = region();
        enter();
        try {
            return r.compareAndSetLong(base + VALUE, expected, newValue);
        } finally {
            exit();
        }
    }

    @Override
    protected String kind() {
        return "LongValue";
    }
}
