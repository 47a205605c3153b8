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
public final class Synchronizers {

    private Synchronizers() {
    }

    /**
     * Creates a lock owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @return the proxy
     */
    public static Lock lock(ObjectFactory factory) {
        throw factory.notProvided("lock");
    }

    /**
     * Creates a rlock owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @return the proxy
     */
    public static RLock rlock(ObjectFactory factory) {
        throw factory.notProvided("rlock");
    }

    /**
     * Creates a semaphore owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @param permits as in {@link dev.mproc.Primitives}
     * @return the proxy
     */
    public static Semaphore semaphore(ObjectFactory factory, int permits) {
        throw factory.notProvided("semaphore");
    }

    /**
     * Creates a boundedSemaphore owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @param permits as in {@link dev.mproc.Primitives}
     * @return the proxy
     */
    public static BoundedSemaphore boundedSemaphore(ObjectFactory factory, int permits) {
        throw factory.notProvided("boundedSemaphore");
    }

    /**
     * Creates a condition owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @param lock as in {@link dev.mproc.Primitives}
     * @return the proxy
     */
    public static Condition condition(ObjectFactory factory, Lock lock) {
        throw factory.notProvided("condition");
    }

    /**
     * Creates a barrier owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @param parties as in {@link dev.mproc.Primitives}
     * @return the proxy
     */
    public static Barrier barrier(ObjectFactory factory, int parties) {
        throw factory.notProvided("barrier");
    }

    /**
     * Creates a barrier owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @param parties as in {@link dev.mproc.Primitives}
     * @param action as in {@link dev.mproc.Primitives}
     * @return the proxy
     */
    public static Barrier barrier(ObjectFactory factory, int parties, BarrierAction action) {
        throw factory.notProvided("barrier");
    }
}
