package dev.mproc.ipc.shm.internal.ring;

import dev.mproc.ipc.shm.internal.Segment;
import dev.mproc.queue.SimpleQueue;
import java.io.Serial;
import java.util.Objects;

/**
 * A {@link SimpleQueue} on an unbounded {@link Ring}: a put returns once its item is committed, so the putting
 * process and every other see the queue non-empty from then on. A put waits only while the ring's bytes are full
 * (the transport's back-pressure), never for a count of items.
 *
 * @param <E> the type of the items
 */
public final class ShmSimpleQueue<E> implements SimpleQueue<E> {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String segmentName;
    private transient volatile Ring ring;
    private transient volatile Waiter.Check ownerCheck;
    private transient volatile boolean closed;

    private ShmSimpleQueue(String segmentName) {
        this.segmentName = segmentName;
    }

    /**
     * Creates a simple queue owned by this process.
     *
     * @param <E> the type of the items
     * @return the queue
     */
    public static <E> ShmSimpleQueue<E> create() {
        return new ShmSimpleQueue<>(ShmQueue.createSegment(Integer.MAX_VALUE, false).name());
    }

    private Ring ring() {
        Ring r = ring;
        if (r == null) {
            Segment s = RingSegments.attach(segmentName);
            ownerCheck = RingSegments.ownerAlive(s, this);
            r = new Ring(s.data(), 0, s.owner());
            ring = r;
        }
        return r;
    }

    @Override
    public void put(E item) throws InterruptedException {
        Objects.requireNonNull(item, "item");
        ensureOpen();
        byte[] b = RingSegments.CODEC.encode(item);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Ring r = ring();
        r.put(b, 0, b.length, Long.MAX_VALUE, () -> false, ownerCheck);
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get() throws InterruptedException {
        ensureOpen();
        Ring r = ring();
        byte[] b = r.take(Long.MAX_VALUE, () -> false, ownerCheck);
        return (E) RingSegments.CODEC.decode(b, 0, b.length);
    }

    @Override
    public boolean isEmpty() {
        ensureOpen();
        return !ring().hasRecord();
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

    @Override
    public boolean equals(Object o) {
        return o instanceof ShmSimpleQueue<?> q && q.segmentName.equals(segmentName);
    }

    @Override
    public int hashCode() {
        return segmentName.hashCode();
    }

    @Override
    public String toString() {
        return "ShmSimpleQueue[" + segmentName + "]";
    }
}
