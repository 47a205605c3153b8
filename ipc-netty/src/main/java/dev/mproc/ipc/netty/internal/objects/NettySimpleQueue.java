package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.queue.SimpleQueue;
import java.util.Objects;

/**
 * The proxy of an unbounded {@link QueueObject} whose put waits for the owner to store the item: one round trip
 * per put, as Python's {@code SimpleQueue.put} writes synchronously.
 *
 * @param <E> the type of the items
 */
public final class NettySimpleQueue<E> extends RemoteObject implements SimpleQueue<E> {
    private static final long serialVersionUID = 1L;

    private transient volatile boolean closed;

    /**
     * @param ref the queue's handle
     * @param client the owner's client
     */
    public NettySimpleQueue(Ref ref, ObjectClient client) {
        super(ref, client);
    }

    @Override
    public void put(E item) throws InterruptedException {
        Objects.requireNonNull(item, "item");
        ensureOpen();
        byte[] encoded = QueueCalls.encode(item);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        // An unbounded queue never parks a put, so the wait is short and need not be interruptible.
        byte[] args = QueueCalls.putArgs(Timeouts.FOREVER, encoded);
        QueueCalls.withInterruptSetAside(() -> client().callQuick(ref.id(), QueueObject.PUT, args));
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get() throws InterruptedException {
        ensureOpen();
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return (E) QueueCalls.take(client(), ref.id(), Timeouts.FOREVER);
    }

    @Override
    public boolean isEmpty() {
        ensureOpen();
        return QueueCalls.size(client(), ref.id()) == 0;
    }

    @Override
    public void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }
}
