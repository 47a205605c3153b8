package dev.mproc.ipc.shm.internal.ring;

import dev.mproc.queue.JoinableQueue;
import java.io.Serial;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link JoinableQueue} on a {@link Ring}: the count of unfinished tasks is a word of the ring's header,
 * incremented by a put before its item is committed (so a taker can never finish a task that is not counted yet)
 * and decremented by {@link #taskDone()} with a CAS that never goes below zero. {@link #join()} waits on the
 * ring's join signal word, which the {@code taskDone} that reaches zero signals.
 *
 * @param <E> the type of the items
 */
public final class ShmJoinableQueue<E> extends ShmQueue<E> implements JoinableQueue<E> {
    @Serial
    private static final long serialVersionUID = 1L;

    private ShmJoinableQueue(String segmentName, int capacity) {
        super(segmentName, capacity);
    }

    /**
     * Creates a joinable queue owned by this process.
     *
     * @param capacity the capacity in items, {@link Integer#MAX_VALUE} for unbounded
     * @param <E> the type of the items
     * @return the queue
     */
    public static <E> ShmJoinableQueue<E> create(int capacity) {
        return new ShmJoinableQueue<>(createSegment(capacity, true).name(), capacity);
    }

    @Override
    public void taskDone() {
        ensureOpen();
        if (!ring().taskDone()) {
            throw new IllegalStateException("taskDone() called too many times on " + this);
        }
    }

    @Override
    public void join() throws InterruptedException {
        join(Long.MAX_VALUE);
    }

    @Override
    public boolean join(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        return join(RingSegments.deadline(RingSegments.nanos(timeout)));
    }

    private boolean join(long deadline) throws InterruptedException {
        ensureOpen();
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Ring r = ring();
        return r.dataWaiter.await(r.region(), r.base() + Ring.JOIN_SIGNAL, () -> r.unfinished() == 0, deadline,
                ownerCheck()) == Waiter.Outcome.READY;
    }
}
