package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.shared.ByteArray;
import dev.mproc.shared.DoubleArray;
import dev.mproc.shared.DoubleValue;
import dev.mproc.shared.IntArray;
import dev.mproc.shared.IntValue;
import dev.mproc.shared.LongArray;
import dev.mproc.shared.LongValue;

/**
 * The netty backend's factories of shared values and arrays. The state lives at the creating process, on its object
 * server; a value or array with a lock gets a new RLock beside it, at the same owner, which the owner takes around
 * every operation itself (see {@link LockObject#guard}), so that an operation costs one round trip with or without
 * a lock.
 */
public final class SharedValues {

    /** The largest array in bytes a JVM can hold in one {@code byte[]}. */
    private static final int MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    private SharedValues() {
    }

    /**
     * Creates an int value owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @param initial as in {@link dev.mproc.Primitives}
     * @param withLock as in {@link dev.mproc.Primitives}
     * @return the proxy
     */
    public static IntValue intValue(ObjectFactory factory, int initial, boolean withLock) {
        NettyRLock lock = withLock ? newLock(factory) : null;
        return factory.create(server -> new ValueObject(ValueObject.Kind.INT, initial, state(lock)),
                (ref, client) -> new NettyIntValue(ref, client, lock));
    }

    /**
     * Creates a long value owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @param initial as in {@link dev.mproc.Primitives}
     * @param withLock as in {@link dev.mproc.Primitives}
     * @return the proxy
     */
    public static LongValue longValue(ObjectFactory factory, long initial, boolean withLock) {
        NettyRLock lock = withLock ? newLock(factory) : null;
        return factory.create(server -> new ValueObject(ValueObject.Kind.LONG, initial, state(lock)),
                (ref, client) -> new NettyLongValue(ref, client, lock));
    }

    /**
     * Creates a double value owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @param initial as in {@link dev.mproc.Primitives}
     * @param withLock as in {@link dev.mproc.Primitives}
     * @return the proxy
     */
    public static DoubleValue doubleValue(ObjectFactory factory, double initial, boolean withLock) {
        NettyRLock lock = withLock ? newLock(factory) : null;
        return factory.create(
                server -> new ValueObject(ValueObject.Kind.DOUBLE, Double.doubleToRawLongBits(initial), state(lock)),
                (ref, client) -> new NettyDoubleValue(ref, client, lock));
    }

    /**
     * Creates an int array owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @param length as in {@link dev.mproc.Primitives}
     * @param withLock as in {@link dev.mproc.Primitives}
     * @return the proxy
     */
    public static IntArray intArray(ObjectFactory factory, int length, boolean withLock) {
        requireLength(length, 4);
        NettyRLock lock = withLock ? newLock(factory) : null;
        return factory.create(server -> new ArrayObject(length, 4, state(lock)),
                (ref, client) -> new NettyIntArray(ref, client, length, lock));
    }

    /**
     * Creates a long array owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @param length as in {@link dev.mproc.Primitives}
     * @param withLock as in {@link dev.mproc.Primitives}
     * @return the proxy
     */
    public static LongArray longArray(ObjectFactory factory, int length, boolean withLock) {
        requireLength(length, 8);
        NettyRLock lock = withLock ? newLock(factory) : null;
        return factory.create(server -> new ArrayObject(length, 8, state(lock)),
                (ref, client) -> new NettyLongArray(ref, client, length, lock));
    }

    /**
     * Creates a double array owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @param length as in {@link dev.mproc.Primitives}
     * @param withLock as in {@link dev.mproc.Primitives}
     * @return the proxy
     */
    public static DoubleArray doubleArray(ObjectFactory factory, int length, boolean withLock) {
        requireLength(length, 8);
        NettyRLock lock = withLock ? newLock(factory) : null;
        return factory.create(server -> new ArrayObject(length, 8, state(lock)),
                (ref, client) -> new NettyDoubleArray(ref, client, length, lock));
    }

    /**
     * Creates a byte array owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @param length as in {@link dev.mproc.Primitives}
     * @param withLock as in {@link dev.mproc.Primitives}
     * @return the proxy
     */
    public static ByteArray byteArray(ObjectFactory factory, int length, boolean withLock) {
        requireLength(length, 1);
        NettyRLock lock = withLock ? newLock(factory) : null;
        return factory.create(server -> new ArrayObject(length, 1, state(lock)),
                (ref, client) -> new NettyByteArray(ref, client, length, lock));
    }

    private static NettyRLock newLock(ObjectFactory factory) {
        return LockObject.create(factory, true, NettyRLock::new);
    }

    private static LockObject state(NettyRLock lock) {
        return lock == null ? null : LockObject.local(lock.ref());
    }

    private static void requireLength(int length, int elementSize) {
        if (length < 0) {
            throw new IllegalArgumentException("an array's length must be at least 0, not " + length);
        }
        if ((long) length * elementSize > MAX_ARRAY_BYTES) {
            throw new IllegalArgumentException("an array of " + length + " elements of " + elementSize
                    + " bytes is too large for the netty backend, which holds it in one byte[] at the owner");
        }
    }
}
