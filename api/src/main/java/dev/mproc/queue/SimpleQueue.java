package dev.mproc.queue;

import dev.mproc.SharedObject;

/**
 * An unbounded first-in-first-out queue without a hand-off: Python's {@code multiprocessing.SimpleQueue}.
 * Created by {@link dev.mproc.Primitives#simpleQueue()}.
 *
 * <p>Unlike {@link Queue#put(Object)}, {@link #put(Object)} returns only once the queue's storage holds the
 * item, so a process that has returned from a put sees the queue non-empty until the item is taken. The
 * queue has no capacity, no timeouts and no non-blocking variants; use {@link Queue} for those.
 *
 * <p>Order: items put by one thread are taken in the order they were put. Memory effects: changes to shared
 * state made before a put are visible to the process that takes that item, after its {@link #get()}
 * returns. See the package documentation for the {@code null} policy and interruption.
 *
 * @param <E> the type of the items
 */
public interface SimpleQueue<E> extends SharedObject {

    /**
     * Inserts an item and returns once it is stored. Waits only while the backend's transport applies
     * back-pressure, never for a consumer.
     *
     * @param item the item
     * @throws InterruptedException if interrupted before the item was stored; the item is not put
     * @throws NullPointerException if {@code item} is {@code null}
     * @throws dev.mproc.CodecException if the item cannot be encoded; nothing is put
     * @throws IllegalStateException if this process has {@linkplain #close() closed} the queue
     */
    void put(E item) throws InterruptedException;

    /**
     * Removes and returns the head item, waiting until one is available.
     *
     * @return the head item
     * @throws InterruptedException if interrupted while waiting; no item is removed
     * @throws dev.mproc.CodecException if the head item cannot be decoded in this process; that item is
     *     removed and lost
     * @throws IllegalStateException if this process has {@linkplain #close() closed} the queue
     */
    E get() throws InterruptedException;

    /**
     * Tells whether the queue holds no item at the moment of the check. Other processes may change that at
     * any time.
     *
     * @return {@code true} if the queue was empty
     * @throws IllegalStateException if this process has {@linkplain #close() closed} the queue
     */
    boolean isEmpty();

    /**
     * Declares that this process will use the queue no more. Afterwards every method of this handle except
     * {@code close()} throws {@link IllegalStateException}, even if the queue was never used (Python's
     * {@code OSError}). Other processes' handles are unaffected. Calling it again has no effect.
     */
    void close();
}
