package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.internal.codec.DefaultCodec;
import dev.mproc.sync.Barrier;
import dev.mproc.sync.BarrierAction;
import dev.mproc.sync.BoundedSemaphore;
import dev.mproc.sync.Condition;
import dev.mproc.sync.Lock;
import dev.mproc.sync.RLock;
import dev.mproc.sync.Semaphore;
import java.util.Objects;

/**
 * The netty backend's factories of synchronizers. Each one's state lives at the process that creates it, on its
 * object server, and dies with it; see {@link LockObject}, {@link SemaphoreObject}, {@link ConditionObject} and
 * {@link BarrierObject} for how holds of dead processes are recovered.
 */
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
        return LockObject.create(factory, false, NettyLock::new);
    }

    /**
     * Creates a reentrant lock owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @return the proxy
     */
    public static RLock rlock(ObjectFactory factory) {
        return LockObject.create(factory, true, NettyRLock::new);
    }

    /**
     * Creates a semaphore owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @param permits as in {@link dev.mproc.Primitives}
     * @return the proxy
     */
    public static Semaphore semaphore(ObjectFactory factory, int permits) {
        requirePermits(permits);
        return factory.create(server -> new SemaphoreObject(server, permits, -1), NettySemaphore::new);
    }

    /**
     * Creates a bounded semaphore owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @param permits as in {@link dev.mproc.Primitives}
     * @return the proxy
     */
    public static BoundedSemaphore boundedSemaphore(ObjectFactory factory, int permits) {
        requirePermits(permits);
        return factory.create(server -> new SemaphoreObject(server, permits, permits),
                (ref, client) -> new NettyBoundedSemaphore(ref, client, permits));
    }

    private static void requirePermits(int permits) {
        if (permits < 0) {
            throw new IllegalArgumentException("a semaphore's initial permits must be at least 0, not " + permits);
        }
    }

    /**
     * Creates a condition owned by this process, bound to a lock this process owns: the condition's waits move
     * waiters into the lock's queue, which needs both in one place.
     *
     * @param factory registers the state and builds the proxy
     * @param lock as in {@link dev.mproc.Primitives}
     * @return the proxy
     * @throws IllegalArgumentException if the lock is not a netty lock owned by this process's object server
     */
    public static Condition condition(ObjectFactory factory, Lock lock) {
        Objects.requireNonNull(lock, "lock");
        if (!(lock instanceof NettyLockBase netty)) {
            throw new IllegalArgumentException("a condition needs a lock of the same context's netty backend, not "
                    + lock.getClass().getName());
        }
        return factory.create(server -> {
            LockObject state = LockObject.local(netty.ref());
            if (state == null || !netty.ref().address().equals(server.address())) {
                throw new IllegalArgumentException("a condition needs a lock created by the same process and context"
                        + " (its state must live beside the condition's); " + netty + " is owned elsewhere");
            }
            return new ConditionObject(server, state);
        }, (ref, client) -> new NettyCondition(ref, client, netty));
    }

    /**
     * Creates a barrier owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @param parties as in {@link dev.mproc.Primitives}
     * @return the proxy
     */
    public static Barrier barrier(ObjectFactory factory, int parties) {
        requireParties(parties);
        return factory.create(server -> new BarrierObject(server, parties, false),
                (ref, client) -> new NettyBarrier(ref, client, parties, null, null));
    }

    /**
     * Creates a barrier with an action, owned by this process. The action is encoded here, so that one that cannot
     * be encoded fails now, in the creator.
     *
     * @param factory registers the state and builds the proxy
     * @param parties as in {@link dev.mproc.Primitives}
     * @param action as in {@link dev.mproc.Primitives}
     * @return the proxy
     */
    public static Barrier barrier(ObjectFactory factory, int parties, BarrierAction action) {
        requireParties(parties);
        Objects.requireNonNull(action, "action");
        byte[] encoded = DefaultCodec.standard().encode(action);
        return factory.create(server -> new BarrierObject(server, parties, true),
                (ref, client) -> new NettyBarrier(ref, client, parties, action, encoded));
    }

    private static void requireParties(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("a barrier needs at least 1 party, not " + parties);
        }
    }
}
