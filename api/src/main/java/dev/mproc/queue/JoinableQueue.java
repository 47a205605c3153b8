package dev.mproc.queue;

import java.time.Duration;

/**
 * A {@link Queue} that counts unfinished tasks, so that a producer can wait until consumers have processed
 * every item: Python's {@code multiprocessing.JoinableQueue}. Created by
 * {@link dev.mproc.Primitives#joinableQueue()} or {@link dev.mproc.Primitives#joinableQueue(int)}.
 *
 * <p>Each successful put adds one unfinished task; each {@link #taskDone()} removes one. The count is kept by
 * the queue's owner, so it is the same for every process. A put is counted when its item reaches the owner's
 * storage (see "Order and delivery" in {@link Queue}): before any later operation of the putting process on
 * this queue, its own {@link #join()} and {@code taskDone()} included, and before that process exits normally.
 * A process that learns of a put only through another channel (another owner's object) may briefly see it
 * uncounted; an item taken is always counted. A consumer that
 * dies between taking an item and calling {@code taskDone()} leaves that task unfinished for ever; use
 * {@link #join(Duration)} where that can happen.
 *
 * <p>Memory effects: changes to shared state made before a {@code taskDone()} are visible to a thread
 * returning from a {@code join} that this call allowed to return.
 *
 * @param <E> the type of the items
 */
public interface JoinableQueue<E> extends Queue<E> {

    /**
     * Marks one task as finished. A consumer calls it once for each item it took, when it has finished
     * with that item. Never blocks.
     *
     * @throws IllegalStateException if called more times than items were put (Python's
     *     {@code ValueError('task_done() called too many times')}); the count stays at zero
     */
    void taskDone();

    /**
     * Waits until every item ever put has been marked finished by {@link #taskDone()}. Returns at once if
     * the count is already zero.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    void join() throws InterruptedException;

    /**
     * Waits up to the timeout until every item ever put has been marked finished by {@link #taskDone()}.
     *
     * @param timeout the longest time to wait; zero or less means only check
     * @return {@code true} if the count of unfinished tasks reached zero, {@code false} if the timeout
     *     elapsed first
     * @throws InterruptedException if interrupted while waiting
     * @throws NullPointerException if {@code timeout} is {@code null}
     */
    boolean join(Duration timeout) throws InterruptedException;
}
