package dev.mproc.ipc.shm.internal.ring;

import dev.mproc.ipc.shm.internal.Segment;
import dev.mproc.queue.Queue;
import dev.mproc.queue.QueueEmptyException;
import dev.mproc.queue.QueueFullException;
import java.io.Serial;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link Queue} on a {@link Ring} in a segment of its own: items are encoded by the putter and copied into the
 * ring, and decoded by their taker, with no process in between. A put usually returns once its item is committed in the
 * ring (stronger than the interface's hand-off: the item is visible to every process at once, and a process that
 * dies after a put still delivers it); a bounded put waits while the queue holds its capacity of items or the
 * ring's bytes are full, an unbounded one never waits (see below).
 *
 * <p>Capacity is counted in items, as Python's {@code maxsize}, independently of the ring's bytes. The ring of an
 * unbounded queue also has a finite size ({@code mproc.shm.ringBytes}, messages over a quarter of it spilled to
 * files within a budget, see {@link Ring}): a put that finds it full hands its item to this process's
 * {@link Feeder} and returns, as Python's feeder thread does, so an unbounded put never waits for a consumer.
 * {@link #qsize()} is committed minus taken records, exact at the instant it reads them; items still held by a
 * feeder are not counted (the interface calls the number approximate).
 *
 * <p>The handle carries the segment's name; its mapping is attached on first use in each process. Handles of the
 * same queue are equal in every process.
 *
 * @param <E> the type of the items
 */
public class ShmQueue<E> implements Queue<E> {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String segmentName;
    private final int capacity;
    private transient volatile Ring ring;
    private transient volatile Waiter.Check ownerCheck;
    private transient volatile boolean closed;
    private transient volatile Feeder feeder;

    ShmQueue(String segmentName, int capacity) {
        this.segmentName = segmentName;
        this.capacity = capacity;
    }

    /**
     * Creates a queue owned by this process.
     *
     * @param capacity the capacity in items, {@link Integer#MAX_VALUE} for unbounded
     * @param <E> the type of the items
     * @return the queue
     */
    public static <E> ShmQueue<E> create(int capacity) {
        return new ShmQueue<>(createSegment(capacity, false).name(), capacity);
    }

    static Segment createSegment(int capacity, boolean joinable) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("a queue's capacity must be positive, not " + capacity);
        }
        Segment s = Segment.create(Segment.Kind.RING, Ring.size(RingSegments.RING_BYTES));
        Ring.format(s.data(), 0, RingSegments.RING_BYTES, capacity, joinable);
        return s;
    }

    final Ring ring() {
        Ring r = ring;
        if (r == null) {
            Segment s = RingSegments.attach(segmentName);
            ownerCheck = RingSegments.ownerAlive(s, this);
            r = new Ring(s.data(), 0, s.owner());
            ring = r;
        }
        return r;
    }

    final Waiter.Check ownerCheck() {
        ring();
        return ownerCheck;
    }

    private boolean bounded() {
        return capacity != Integer.MAX_VALUE;
    }

    @Override
    public void put(E item) throws InterruptedException {
        byte[] b = encode(item);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (bounded()) {
            ring().put(b, 0, b.length, Long.MAX_VALUE, () -> false, ownerCheck());
        } else {
            feeder().put(b);
        }
    }

    /** @return this process's feeder of this unbounded queue */
    private Feeder feeder() {
        Feeder f = feeder;
        if (f == null) {
            f = Feeder.of(segmentName, ring(), ownerCheck());
            feeder = f;
        }
        return f;
    }

    @Override
    public void put(E item, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        byte[] b = encode(item);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (!bounded()) {
            feeder().put(b);
        } else if (!ring().put(b, 0, b.length, RingSegments.deadline(RingSegments.nanos(timeout)), () -> false,
                ownerCheck())) {
            throw full();
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
        byte[] b = encode(item);
        if (!bounded()) {
            feeder().put(b);
            return true;
        }
        boolean interrupted = Thread.interrupted();
        try {
            return ring().put(b, 0, b.length, System.nanoTime(), () -> false, ownerCheck());
        } catch (InterruptedException e) {
            interrupted = true;
            return false;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public E get() throws InterruptedException {
        ensureOpen();
        return decode(ring().take(Long.MAX_VALUE, () -> false, ownerCheck()));
    }

    @Override
    public E get(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        ensureOpen();
        byte[] b = ring().take(RingSegments.deadline(RingSegments.nanos(timeout)), () -> false, ownerCheck());
        if (b == null) {
            throw empty();
        }
        return decode(b);
    }

    @Override
    public E getNowait() {
        return poll().orElseThrow(this::empty);
    }

    @Override
    public Optional<E> poll() {
        ensureOpen();
        byte[] b = ring().poll();
        return b == null ? Optional.empty() : Optional.of(decode(b));
    }

    @Override
    public int qsize() {
        ensureOpen();
        return (int) Math.min(Integer.MAX_VALUE, ring().size());
    }

    @Override
    public boolean isEmpty() {
        ensureOpen();
        return !ring().hasRecord();
    }

    @Override
    public boolean isFull() {
        ensureOpen();
        return bounded() && ring().size() >= capacity;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public void close() {
        closed = true;
    }

    final void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private byte[] encode(E item) {
        Objects.requireNonNull(item, "item");
        ensureOpen();
        return RingSegments.CODEC.encode(item);
    }

    @SuppressWarnings("unchecked")
    private E decode(byte[] b) {
        return (E) RingSegments.CODEC.decode(b, 0, b.length);
    }

    private QueueFullException full() {
        return new QueueFullException(this + " is full (capacity " + capacity + ")");
    }

    private QueueEmptyException empty() {
        return new QueueEmptyException(this + " is empty");
    }

    @Override
    public final boolean equals(Object o) {
        return o instanceof ShmQueue<?> q && q.segmentName.equals(segmentName);
    }

    @Override
    public final int hashCode() {
        return segmentName.hashCode();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + segmentName + "]";
    }
}
