package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.spi.Timeouts;
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
    /** The queue's state, for the handles the owner created; {@code null} in every other handle. */
    private final transient QueueObject local;
    /** Whether an owner's take that finds nothing should spin: its last wait through the loop was short. */
    private transient volatile boolean spin = true;

    /**
     * @param ref the queue's handle
     * @param client the owner's client
     */
    public NettySimpleQueue(Ref ref, ObjectClient client) {
        this(ref, client, null);
    }

    /**
     * @param ref the queue's handle
     * @param client the owner's client
     * @param local the queue's state, when the owner creates its own handle; {@code null} otherwise
     */
    NettySimpleQueue(Ref ref, ObjectClient client, QueueObject local) {
        super(ref, client);
        this.local = local;
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
        if (local == null) {
            return (E) QueueCalls.take(client(), ref.id(), Timeouts.FOREVER);
        }
        Object item = QueueCalls.takeOwned(local, spin);
        if (item != null) {
            return (E) item;
        }
        long start = System.nanoTime();
        item = QueueCalls.take(client(), ref.id(), Timeouts.FOREVER);
        spin = QueueCalls.spinPays(System.nanoTime() - start);
        return (E) item;
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
