package dev.mproc.queue;

import dev.mproc.SharedObject;
import java.time.Duration;
import java.util.Optional;

/**
 * A first-in-first-out queue shared by processes, bounded or unbounded: Python's
 * {@code multiprocessing.Queue}. Created by {@link dev.mproc.Primitives#queue()} or
 * {@link dev.mproc.Primitives#queue(int)}.
 *
 * <p>Each operation comes in the flavours of Python's {@code block}/{@code timeout} arguments:
 * <table>
 *   <caption>Operations by waiting policy</caption>
 *   <tr><th></th><th>waits</th><th>waits up to a timeout, then throws</th>
 *       <th>fails at once with an exception</th><th>fails at once with a result</th></tr>
 *   <tr><td>insert</td><td>{@link #put(Object)}</td><td>{@link #put(Object, Duration)}</td>
 *       <td>{@link #putNowait(Object)}</td><td>{@link #offer(Object)}</td></tr>
 *   <tr><td>remove</td><td>{@link #get()}</td><td>{@link #get(Duration)}</td>
 *       <td>{@link #getNowait()}</td><td>{@link #poll()}</td></tr>
 * </table>
 *
 * <h2>Order and delivery</h2>
 * Items put by one thread are taken in the order they were put; more generally, if one put happens-before
 * another in the same process, its item is taken first. Items of different producers interleave in no
 * specified order. A put hands its item to the calling process's outgoing path and returns without waiting
 * for the queue's owner to store it, so the item may become visible to {@link #get()} a little later, even
 * in the same process (Python's feeder thread behaves alike). A process that exits normally first delivers
 * every item it has put; so an exit may wait for the queue's storage to accept them. Items a process had put
 * but not delivered are lost if it dies abnormally; an item already stored is never lost by the death of a
 * process other than the owner.
 *
 * <h2>Capacity</h2>
 * A bounded queue counts an item from the moment its put returns until it is taken, in-flight items
 * included, and a put waits while that count equals the capacity. An unbounded queue never makes a put wait
 * for a consumer that has stopped taking; a backend whose storage is momentarily full may pace a put to
 * consumers that are taking (a put then returns as soon as there is room, or about a millisecond after the
 * consumers last took an item, handing its item to a feeder thread).
 *
 * <h2>Memory effects</h2>
 * Changes to shared state made before a put are visible to the process that takes that item, after its
 * take returns.
 *
 * <p>Items are encoded by the context's codec and may be as large as the context's maximum message size.
 * See the package documentation for the {@code null} policy, timeouts and interruption.
 *
 * @param <E> the type of the items
 */
public interface Queue<E> extends SharedObject {

    /**
     * Inserts an item, waiting while a bounded queue is full.
     *
     * @param item the item
     * @throws InterruptedException if interrupted before the item was accepted; the item is not put
     * @throws NullPointerException if {@code item} is {@code null}
     * @throws dev.mproc.CodecException if the item cannot be encoded; nothing is put
     * @throws IllegalStateException if this process has {@linkplain #close() closed} the queue
     */
    void put(E item) throws InterruptedException;

    /**
     * Inserts an item, waiting up to the timeout while a bounded queue is full.
     *
     * @param item the item
     * @param timeout the longest time to wait for room; zero or less means do not wait
     * @throws QueueFullException if the queue is still full when the timeout elapses
     * @throws InterruptedException if interrupted before the item was accepted; the item is not put
     * @throws NullPointerException if {@code item} or {@code timeout} is {@code null}
     * @throws dev.mproc.CodecException if the item cannot be encoded; nothing is put
     * @throws IllegalStateException if this process has {@linkplain #close() closed} the queue
     */
    void put(E item, Duration timeout) throws InterruptedException;

    /**
     * Inserts an item if there is room now. Never blocks. Python's {@code put_nowait(x)} and
     * {@code put(x, False, timeout)}.
     *
     * @param item the item
     * @throws QueueFullException if a bounded queue is full
     * @throws NullPointerException if {@code item} is {@code null}
     * @throws dev.mproc.CodecException if the item cannot be encoded; nothing is put
     * @throws IllegalStateException if this process has {@linkplain #close() closed} the queue
     */
    void putNowait(E item);

    /**
     * Inserts an item if there is room now, reporting a full queue by the result. Never blocks.
     *
     * @param item the item
     * @return {@code true} if the item was put, {@code false} if a bounded queue was full
     * @throws NullPointerException if {@code item} is {@code null}
     * @throws dev.mproc.CodecException if the item cannot be encoded; nothing is put
     * @throws IllegalStateException if this process has {@linkplain #close() closed} the queue
     */
    boolean offer(E item);

    /**
     * Removes and returns the head item, waiting until one is available.
     *
     * @return the head item
     * @throws InterruptedException if interrupted while waiting; no item is removed
     * @throws dev.mproc.CodecException if the head item cannot be decoded in this process (its class is
     *     missing or the deserialization filter rejects it); that item is removed and lost
     * @throws IllegalStateException if this process has {@linkplain #close() closed} the queue
     */
    E get() throws InterruptedException;

    /**
     * Removes and returns the head item, waiting up to the timeout for one to become available.
     *
     * @param timeout the longest time to wait for an item; zero or less means do not wait
     * @return the head item
     * @throws QueueEmptyException if no item became available before the timeout elapsed
     * @throws InterruptedException if interrupted while waiting; no item is removed
     * @throws NullPointerException if {@code timeout} is {@code null}
     * @throws dev.mproc.CodecException as {@link #get()}
     * @throws IllegalStateException if this process has {@linkplain #close() closed} the queue
     */
    E get(Duration timeout) throws InterruptedException;

    /**
     * Removes and returns the head item if one is available now. Never blocks. Python's
     * {@code get_nowait()} and {@code get(False, timeout)}.
     *
     * @return the head item
     * @throws QueueEmptyException if no item is available
     * @throws dev.mproc.CodecException as {@link #get()}
     * @throws IllegalStateException if this process has {@linkplain #close() closed} the queue
     */
    E getNowait();

    /**
     * Removes and returns the head item if one is available now, reporting an empty queue by the result.
     * Never blocks.
     *
     * @return the head item, or an empty {@code Optional} if no item is available
     * @throws dev.mproc.CodecException as {@link #get()}
     * @throws IllegalStateException if this process has {@linkplain #close() closed} the queue
     */
    Optional<E> poll();

    /**
     * Returns the number of items put and not yet taken, counting items still in flight from their
     * producers. The number is approximate: other processes put and take concurrently, so it may be stale
     * when it returns, and because in-flight items are counted, {@code qsize() > 0} does not promise that a
     * get would succeed now. Use it for monitoring, not for control.
     *
     * @return the approximate number of items, at most {@link Integer#MAX_VALUE}
     * @throws IllegalStateException if this process has {@linkplain #close() closed} the queue
     */
    int qsize();

    /**
     * Tells whether no item is available to take right now. Approximate for the same reasons as
     * {@link #qsize()}; in particular it may return {@code true} just after a put whose item is still in
     * flight.
     *
     * @return {@code true} if a non-blocking get would find no item at the moment of the check
     * @throws IllegalStateException if this process has {@linkplain #close() closed} the queue
     */
    boolean isEmpty();

    /**
     * Tells whether a bounded queue holds as many items as its capacity, counted as by {@link #qsize()}.
     * Always {@code false} for an unbounded queue. Approximate for the same reasons as {@link #qsize()}.
     *
     * @return {@code true} if a non-blocking put would have failed at the moment of the check
     * @throws IllegalStateException if this process has {@linkplain #close() closed} the queue
     */
    boolean isFull();

    /**
     * Returns the capacity given at creation.
     *
     * @return the capacity, or {@link Integer#MAX_VALUE} for an unbounded queue
     */
    int capacity();

    /**
     * Declares that this process will neither put nor take any more items. Items this process has already
     * put are still delivered; the queue itself and other processes' handles are unaffected. Afterwards
     * every method of this handle except {@code close()} and {@link #capacity()} throws
     * {@link IllegalStateException}. Calling it again has no effect. Python raises {@code ValueError} and
     * {@code OSError} in these cases.
     */
    void close();
}
