package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.pipe.Pipe;
import dev.mproc.queue.JoinableQueue;
import dev.mproc.queue.Queue;
import dev.mproc.queue.SimpleQueue;
import dev.mproc.shared.ByteArray;
import dev.mproc.shared.DoubleArray;
import dev.mproc.shared.DoubleValue;
import dev.mproc.shared.IntArray;
import dev.mproc.shared.IntValue;
import dev.mproc.shared.LongArray;
import dev.mproc.shared.LongValue;
import dev.mproc.shared.Manager;
import dev.mproc.sync.Barrier;
import dev.mproc.sync.BarrierAction;
import dev.mproc.sync.BoundedSemaphore;
import dev.mproc.sync.Condition;
import dev.mproc.sync.Lock;
import dev.mproc.sync.RLock;
import dev.mproc.sync.Semaphore;

/** The netty backend's factories of this family of shared objects. */
public final class SharedValues {

    private SharedValues() {
    }

    /**
     * Creates a intValue owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @param initial as in {@link dev.mproc.Primitives}
     * @param withLock as in {@link dev.mproc.Primitives}
     * @return the proxy
     */
    public static IntValue intValue(ObjectFactory factory, int initial, boolean withLock) {
        throw factory.notProvided("intValue");
    }

    /**
     * Creates a longValue owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @param initial as in {@link dev.mproc.Primitives}
     * @param withLock as in {@link dev.mproc.Primitives}
     * @return the proxy
     */
    public static LongValue longValue(ObjectFactory factory, long initial, boolean withLock) {
        throw factory.notProvided("longValue");
    }

    /**
     * Creates a doubleValue owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @param initial as in {@link dev.mproc.Primitives}
     * @param withLock as in {@link dev.mproc.Primitives}
     * @return the proxy
     */
    public static DoubleValue doubleValue(ObjectFactory factory, double initial, boolean withLock) {
        throw factory.notProvided("doubleValue");
    }

    /**
     * Creates a intArray owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @param length as in {@link dev.mproc.Primitives}
     * @param withLock as in {@link dev.mproc.Primitives}
     * @return the proxy
     */
    public static IntArray intArray(ObjectFactory factory, int length, boolean withLock) {
        throw factory.notProvided("intArray");
    }

    /**
     * Creates a longArray owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @param length as in {@link dev.mproc.Primitives}
     * @param withLock as in {@link dev.mproc.Primitives}
     * @return the proxy
     */
    public static LongArray longArray(ObjectFactory factory, int length, boolean withLock) {
        throw factory.notProvided("longArray");
    }

    /**
     * Creates a doubleArray owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @param length as in {@link dev.mproc.Primitives}
     * @param withLock as in {@link dev.mproc.Primitives}
     * @return the proxy
     */
    public static DoubleArray doubleArray(ObjectFactory factory, int length, boolean withLock) {
        throw factory.notProvided("doubleArray");
    }

    /**
     * Creates a byteArray owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @param length as in {@link dev.mproc.Primitives}
     * @param withLock as in {@link dev.mproc.Primitives}
     * @return the proxy
     */
    public static ByteArray byteArray(ObjectFactory factory, int length, boolean withLock) {
        throw factory.notProvided("byteArray");
    }
}
