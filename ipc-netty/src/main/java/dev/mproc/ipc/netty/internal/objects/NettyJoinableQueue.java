package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.spi.Timeouts;
import dev.mproc.queue.JoinableQueue;
import java.time.Duration;
import java.util.Objects;

/**
 * The proxy of a joinable {@link QueueObject}. The owner counts a task when it stores the item, so a posted put
 * is counted before any later operation of the same process on this owner, its own {@link #join()} included.
 *
 * @param <E> the type of the items
 */
public final class NettyJoinableQueue<E> extends NettyQueue<E> implements JoinableQueue<E> {
    private static final long serialVersionUID = 1L;

    /**
     * @param ref the queue's handle
     * @param client the owner's client
     * @param capacity the capacity, {@link Integer#MAX_VALUE} for unbounded
     */
    public NettyJoinableQueue(Ref ref, ObjectClient client, int capacity) {
        super(ref, client, capacity);
    }

    /**
     * @param ref the queue's handle
     * @param client the owner's client
     * @param capacity the capacity, {@link Integer#MAX_VALUE} for unbounded
     * @param local the queue's state, when the owner creates its own handle
     */
    NettyJoinableQueue(Ref ref, ObjectClient client, int capacity, QueueObject local) {
        super(ref, client, capacity, local);
    }

    @Override
    public void taskDone() {
        ensureOpen();
        QueueCalls.withInterruptSetAside(() -> client().callQuick(ref.id(), QueueObject.TASK_DONE));
    }

    @Override
    public void join() throws InterruptedException {
        ensureOpen();
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        client().call(ref.id(), QueueObject.JOIN, WireTimeouts.args(Timeouts.FOREVER), null);
    }

    @Override
    public boolean join(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        ensureOpen();
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return client().call(ref.id(), QueueObject.JOIN, WireTimeouts.args(Timeouts.nanos(timeout)), null).ok();
    }
}
