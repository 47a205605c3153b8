package dev.mproc.pool;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

/**
 * The pending result of {@link Pool#applyAsync} or {@link Pool#mapAsync}: Python's {@code AsyncResult}, and a
 * {@link Future}. Thread-safe.
 *
 * @param <T> the result type
 */
public interface AsyncResult<T> extends Future<T> {

    /**
     * Waits for the result.
     *
     * @return the result
     * @throws ExecutionException if the task failed; the cause is the exception the task threw (with the worker's
     *     stack trace), or a {@link WorkerDiedException}, or a {@link TimeoutException} when the pool's task timeout
     *     elapsed; the same cause on every call
     * @throws InterruptedException if the calling thread is interrupted while waiting
     * @throws java.util.concurrent.CancellationException if the pool was terminated before the task completed
     */
    @Override
    T get() throws InterruptedException, ExecutionException;

    /**
     * Waits at most {@code timeout} for the result. The task keeps running after a timeout; its result can be
     * read later.
     *
     * @param timeout the longest time to wait
     * @return the result
     * @throws TimeoutException if the result is not ready in time
     * @throws ExecutionException as {@link #get()}
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    T get(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException;

    /**
     * Whether the result (or failure) is there. Callbacks have run before this turns true.
     *
     * @return {@code true} once complete
     */
    boolean ready();

    /**
     * Whether the task completed without failing.
     *
     * @return {@code true} on success
     * @throws IllegalStateException if the result is not ready yet (Python raises ValueError)
     */
    boolean successful();

    /**
     * Waits up to {@code timeout} for the result; never throws on timeout or failure (Python's {@code wait}).
     *
     * @param timeout the longest time to wait
     * @return whether the result is ready
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    boolean await(Duration timeout) throws InterruptedException;

    /**
     * The result as a {@link CompletableFuture}, completed with the value or the failure's cause.
     *
     * @return a future that completes with this result; completing it from outside has no effect on the pool
     */
    CompletableFuture<T> toCompletableFuture();
}
