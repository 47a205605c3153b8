package dev.mproc.ipc.shm.internal.values;

import dev.mproc.ipc.shm.internal.Region;
import dev.mproc.ipc.shm.internal.sync.Arena;
import dev.mproc.shared.IntValue;

/**
 * {@link IntValue} in place in shared memory.
 *
 * <pre>
 * offset  size  field
 *      0     4  VALUE  the int, accessed with volatile/CAS/getAndAdd semantics
 *      4    60  (unused)
 * </pre>
 */
public final class ShmIntValue extends ShmValueBase implements IntValue {
    private static final long serialVersionUID = 1L;

    static final int VALUE = 0;
    static final int SIZE = 64;

    private ShmIntValue(Arena.Slot slot, boolean withLock) {
        super(slot, withLock);
    }

    /**
     * @param initial the initial value
     * @param withLock whether to associate a new RLock taken by every method
     * @return a new value owned by this process
     */
    public static ShmIntValue create(int initial, boolean withLock) {
        ShmIntValue v = new ShmIntValue(Arena.allocate(SIZE), withLock);
        v.region().setIntVolatile(v.base + VALUE, initial);
        return v;
    }

    @Override
    public int get() {
        Region r = region();
        enter();
        try {
            return r.getIntVolatile(base + VALUE);
        } finally {
            exit();
        }
    }

    @Override
    public void set(int value) {
        Region r = region();
        enter();
        try {
            r.setIntVolatile(base + VALUE, value);
        } finally {
            exit();
        }
    }

    @Override
    public int getAndSet(int value) {
        Region r = region();
        enter();
        try {
            return r.getAndSetInt(base + VALUE, value);
        } finally {
            exit();
        }
    }

    @Override
    public int getAndAdd(int delta) {
        Region r = region();
        enter();
        try {
            return r.getAndAddInt(base + VALUE, delta);
        } finally {
            exit();
        }
    }

    @Override
    public boolean compareAndSet(int expected, int newValue) {
        Region r = region();
        enter();
        try {
            return r.compareAndSetInt(base + VALUE, expected, newValue);
        } finally {
            exit();
        }
    }

    @Override
    protected String kind() {
        return "IntValue";
    }
}
