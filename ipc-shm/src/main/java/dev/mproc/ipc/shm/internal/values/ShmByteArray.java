package dev.mproc.ipc.shm.internal.values;

import dev.mproc.shared.ByteArray;
import java.lang.invoke.VarHandle;

/**
 * {@link ByteArray} in place in shared memory; layout in {@link ShmArrayBase}, 1-byte elements. A byte has no
 * atomic view access, so single elements are plain accesses fenced to volatile strength.
 */
public final class ShmByteArray extends ShmArrayBase implements ByteArray {
    private static final long serialVersionUID = 1L;

    private ShmByteArray(int length, boolean withLock) {
        super(checkLength(length, 1), 1, withLock);
    }

    /**
     * @param length the number of elements, at least 0
     * @param withLock whether to associate a new RLock taken by every method
     * @return a new array of zeros owned by this process
     */
    public static ShmByteArray create(int length, boolean withLock) {
        return new ShmByteArray(length, withLock);
    }

    @Override
    public byte get(int index) {
        int at = index(index);
        enter();
        try {
            VarHandle.fullFence();
            byte b = elements(1).get(at);
            VarHandle.acquireFence();
            return b;
        } finally {
            exit();
        }
    }

    @Override
    public void set(int index, byte value) {
        int at = index(index);
        enter();
        try {
            VarHandle.releaseFence();
            elements(1).put(at, value);
            VarHandle.fullFence();
        } finally {
            exit();
        }
    }

    @Override
    public void copyTo(int index, byte[] destination, int offset, int length) {
        checkRange(index, destination.length, offset, length);
        enter();
        try {
            elements(1).get(index, destination, offset, length);
        } finally {
            exit();
        }
    }

    @Override
    public void copyFrom(int index, byte[] source, int offset, int length) {
        checkRange(index, source.length, offset, length);
        enter();
        try {
            elements(1).put(index, source, offset, length);
        } finally {
            exit();
        }
    }

    @Override
    protected String kind() {
        return "ByteArray";
    }
}
