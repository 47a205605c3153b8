package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.spi.Timeouts;
import dev.mproc.queue.Queue;
import dev.mproc.queue.QueueEmptyException;
import dev.mproc.queue.QueueFullException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The proxy of a {@link QueueObject}: items are encoded here, in the caller, and decoded by their taker.
 *
 * <p>A put on an unbounded queue is posted lazily: the calling thread appends the item to its connection's
 * outgoing buffer and returns, and the connection's flusher thread writes what has gathered there, many items
 * per system call, as Python's feeder thread does ({@link ObjectClient#postLazy}). Order still holds: one
 * process reaches one owner through one connection, every request of the process goes through the same buffer
 * in order, and the owner handles a connection's frames in the order they were written, so a put that
 * happens-before another operation of the same process on this owner's objects (a {@code qsize}, a {@code get},
 * an event's {@code set}) is handled before it. A process that dies abnormally may lose items it put and had not
 * written yet, as the api allows; a process that exits normally first waits until the owner has handled its
 * posts ({@link QueueDelivery}).
 *
 * <p>A put on a bounded queue must wait for room and count the item before returning, so it is a round trip;
 * the owner parks it while the queue is full. Posted puts are batched: the items a process has put to one
 * queue and not yet written travel in one frame ({@link QueueObject#PUT_BATCH}), which the owner stores in one
 * step, in order.
 *
 * <p>In the owner, the handles it created take stored items from the state directly
 * ({@link QueueObject#takeDirect()}), spinning briefly when none is there yet. Elsewhere a get leases items
 * ({@link QueueLease}): one round trip fetches as many items as the owner has stored, up to a number that starts
 * at 1 and grows while the consumer falls behind (on an unbounded queue only); the following gets, through any
 * handle of the queue in that process, hand them out without a round trip, each acknowledged to the owner (a
 * posted frame) before it returns. The owner keeps every leased item until it is acknowledged and puts the
 * unacknowledged ones back at the head, in order, if the consumer's process dies; leased items left untaken for a
 * few milliseconds, or held when a handle is closed or the process exits, go back the same way. A thread
 * interrupted while its grant was on the way gives the items back too.
 *
 * <p>{@link #qsize()} counts the items the owner has stored, plus, in a process that leased items, those it holds
 * and has not handed out: leased items count as taken for every other process (the handles of one queue in one
 * process share its lease). Items other processes have posted and the owner has not read yet are not counted,
 * and concurrent takers change the number at any time; hence approximate.
 *
 * @param <E> the type of the items
 */
public class NettyQueue<E> extends RemoteObject implements Queue<E> {
    private static final long serialVersionUID = 1L;

    private final int capacity;
    private transient volatile boolean closed;
    /** The queue's state, for the handles the owner created; {@code null} in every other handle. */
    private final transient QueueObject local;
    /** Whether an owner's take that finds nothing should spin: its last wait through the loop was short. */
    private transient volatile boolean spin = true;
    /** The items this process leased, in a process other than the owner; found by the first get. */
    private transient volatile QueueLease lease;

    /**
     * @param ref the queue's handle
     * @param client the owner's client
     * @param capacity the capacity, {@link Integer#MAX_VALUE} for unbounded
     */
    public NettyQueue(Ref ref, ObjectClient client, int capacity) {
        this(ref, client, capacity, null);
    }

    /**
     * @param ref the queue's handle
     * @param client the owner's client
     * @param capacity the capacity, {@link Integer#MAX_VALUE} for unbounded
     * @param local the queue's state, when the owner creates its own handle; {@code null} otherwise
     */
    NettyQueue(Ref ref, ObjectClient client, int capacity, QueueObject local) {
        super(ref, client);
        this.capacity = capacity;
        this.local = local;
    }

    private boolean bounded() {
        return capacity != Integer.MAX_VALUE;
    }

    @Override
    public void put(E item) throws InterruptedException {
        byte[] encoded = encode(item);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (bounded()) {
            putWaiting(encoded, Timeouts.FOREVER);
        } else {
            post(encoded);
        }
    }

    @Override
    public void put(E item, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        byte[] encoded = encode(item);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (bounded()) {
            if (!putWaiting(encoded, Timeouts.nanos(timeout))) {
                throw full();
            }
        } else {
            post(encoded);
        }
    }

    @Override
    public void putNowait(E item) {
        if (!offer(item)) {
            throw full();
        }
    }

    @Override
    public boolean offer(E item) {
        byte[] encoded = encode(item);
        if (!bounded()) {
            post(encoded);
            return true;
        }
        byte[] args = QueueCalls.putArgs(0, encoded);
        return QueueCalls.withInterruptSetAside(() -> client().callQuick(ref.id(), QueueObject.PUT, args)).ok();
    }

    /** @return whether the item was put before the timeout */
    private boolean putWaiting(byte[] encoded, long nanos) throws InterruptedException {
        boolean[] accepted = {false};
        try {
            byte[] args = QueueCalls.putArgs(nanos, encoded);
            return client().call(ref.id(), QueueObject.PUT, args, grant -> accepted[0] = true).ok();
        } catch (InterruptedException e) {
            if (accepted[0]) {
                // The owner stored the item before it saw the cancel: the put happened, so it must not be
                // reported as interrupted; the caller keeps its interrupt status instead.
                Thread.currentThread().interrupt();
                return true;
            }
            throw e;
        }
    }

    private void post(byte[] encoded) {
        ObjectClient c = client();
        QueueCalls.withInterruptSetAside(() -> {
            c.postBatched(ref.id(), QueueObject.PUT_BATCH, encoded);
            return null;
        });
        QueueDelivery.posted(c, ref.id());
    }

    @Override
    public E get() throws InterruptedException {
        ensureOpen();
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Object item = takeOwned();
        if (item != null) {
            return decode(item);
        }
        return decode(takeWaiting(Timeouts.FOREVER));
    }

    /**
     * A take without a round trip, or {@code null}: an owner's from the state ({@link QueueCalls#takeOwned}),
     * another process's from its lease.
     */
    private Object takeOwned() {
        if (local == null) {
            QueueLease l = lease;
            byte[] item = l == null ? null : l.next();
            return item == null ? null : QueueCalls.decode(item);
        }
        return QueueCalls.takeOwned(local, spin);
    }

    private QueueLease lease() {
        QueueLease l = lease;
        if (l == null) {
            synchronized (this) {
                l = lease;
                if (l == null) {
                    lease = l = QueueLease.of(client(), ref.id(), bounded());
                }
            }
        }
        return l;
    }

    private Object takeWaiting(long nanos) throws InterruptedException {
        if (local == null) {
            byte[] item = lease().lease(nanos);
            return item == null ? null : QueueCalls.decode(item);
        }
        long start = System.nanoTime();
        Object item = QueueCalls.take(client(), ref.id(), nanos);
        spin = item != null && QueueCalls.spinPays(System.nanoTime() - start);
        return item;
    }

    @Override
    public E get(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        ensureOpen();
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Object item = takeOwned();
        if (item == null) {
            item = takeWaiting(Timeouts.nanos(timeout));
        }
        if (item == null) {
            throw empty();
        }
        return decode(item);
    }

    @Override
    public E getNowait() {
        Optional<E> item = poll();
        if (item.isEmpty()) {
            throw empty();
        }
        return item.get();
    }

    @Override
    public Optional<E> poll() {
        ensureOpen();
        Object item;
        if (local != null) {
            item = QueueCalls.takeOwned(local, false);
            if (item == null) {
                item = QueueCalls.poll(client(), ref.id());
            }
        } else {
            item = takeOwned();
            if (item == null) {
                byte[] leased = lease().leaseNow();
                item = leased == null ? null : QueueCalls.decode(leased);
            }
        }
        return item == null ? Optional.empty() : Optional.of(decode(item));
    }

    @Override
    public int qsize() {
        ensureOpen();
        QueueLease l = lease;
        int held = l == null ? 0 : l.held();
        return (int) Math.min(Integer.MAX_VALUE, (long) QueueCalls.size(client(), ref.id()) + held);
    }

    @Override
    public boolean isEmpty() {
        return qsize() == 0;
    }

    @Override
    public boolean isFull() {
        return bounded() && qsize() >= capacity;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public void close() {
        closed = true;
        QueueLease l = lease;
        if (l != null) {
            try {
                l.giveBackHeld(true);
            } catch (RuntimeException e) {
                // The owner is gone, and the queue with it.
            }
        }
    }

    /** @throws IllegalStateException if this handle was closed */
    final void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private byte[] encode(E item) {
        Objects.requireNonNull(item, "item");
        ensureOpen();
        return QueueCalls.encode(item);
    }

    @SuppressWarnings("unchecked")
    private E decode(Object item) {
        return (E) item;
    }

    private QueueFullException full() {
        return new QueueFullException(this + " is full (capacity " + capacity + ")");
    }

    private QueueEmptyException empty() {
        return new QueueEmptyException(this + " is empty");
    }
}
