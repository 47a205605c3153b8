package dev.mproc.internal.pool;

import dev.mproc.pool.Pool.ProgressListener;
import dev.mproc.pool.PoolTaskException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * The results of an imap, handed out as they come: in input order, or in completion order. A failed chunk's items
 * throw {@link PoolTaskException} from {@code next()} at their place.
 */
final class ImapJob<R> extends Job implements Iterator<R> {

    private static final Object PENDING = new Object();

    private final boolean ordered;
    private final Object[] slots;
    private final ArrayDeque<Object> arrivals = new ArrayDeque<>();
    private final Supplier<ProgressListener> progress;
    private int nextIndex;
    private int handedOut;
    private int completed;

    /** A failure standing in the place of each item of a failed chunk. */
    private record Failure(Throwable cause) {
    }

    ImapJob(int total, boolean ordered, Supplier<ProgressListener> progress) {
        this.ordered = ordered;
        this.slots = new Object[total];
        java.util.Arrays.fill(slots, PENDING);
        this.progress = progress;
    }

    @Override
    int total() {
        return slots.length;
    }

    @Override
    synchronized void succeeded(Chunk chunk, List<?> results) {
        for (int i = 0; i < results.size(); i++) {
            arrive(chunk.first() + i, results.get(i));
        }
        progressed(chunk);
    }

    @Override
    synchronized void failed(Chunk chunk, Throwable cause) {
        for (int i = 0; i < chunk.count(); i++) {
            arrive(chunk.first() + i, new Failure(cause));
        }
        progressed(chunk);
    }

    private void arrive(int index, Object value) {
        if (ordered) {
            slots[index] = value;
        } else {
            arrivals.add(value == null ? PENDING : value);
        }
        notifyAll();
    }

    private void progressed(Chunk chunk) {
        completed += chunk.count();
        ProgressListener listener = progress.get();
        if (listener != null) {
            listener.progress(completed, slots.length);
        }
    }

    @Override
    public synchronized boolean hasNext() {
        return handedOut < slots.length;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized R next() {
        if (handedOut >= slots.length) {
            throw new NoSuchElementException();
        }
        Object v;
        try {
            if (ordered) {
                while (slots[nextIndex] == PENDING) {
                    wait();
                }
                v = slots[nextIndex];
                slots[nextIndex++] = null; // let the result be collected once handed out
            } else {
                while (arrivals.isEmpty()) {
                    wait();
                }
                v = arrivals.poll();
                v = v == PENDING ? null : v;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PoolTaskException("interrupted while waiting for the next result", e);
        }
        handedOut++;
        if (v instanceof Failure f) {
            throw new PoolTaskException("a task of this imap failed: " + f.cause(), f.cause());
        }
        return (R) v;
    }
}
