package dev.mproc.pool;

import dev.mproc.Task;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * A pool of worker processes: Python's {@code multiprocessing.Pool}. Workers are daemon children; each receives a
 * function once and then only arguments, in chunks, and sends results back in chunks.
 *
 * <h2>Life cycle</h2>
 * <i>running</i> → {@link #close()} (no new tasks; queued ones still run) or {@link #terminate()} (workers killed
 * at once; outstanding tasks fail with {@link java.util.concurrent.CancellationException}) → {@link #join()}
 * (waits for the workers to exit; only after close or terminate, else {@link IllegalStateException}, as Python).
 * Submitting to a pool that is not running throws {@code IllegalStateException("Pool not running")}.
 * As {@link AutoCloseable}, try-with-resources calls {@link #close()}: no new tasks, queued ones finish, and the
 * call does not wait (call {@link #join()} for that). Python's {@code with Pool()} terminates instead; mproc keeps
 * Python's meaning of the name {@code close}.
 *
 * <h2>Failures</h2>
 * An exception thrown by a task reaches the caller with its type, message and the worker's stack trace (as the
 * cause of an {@link java.util.concurrent.ExecutionException}, or thrown directly by the blocking {@code apply} and
 * {@code map}, wrapped in {@link PoolTaskException}); the worker survives it. Beyond Python, whose pool hangs: a
 * worker that dies mid-task (SIGKILL, out of memory, {@code System.exit}) fails only the tasks it was running, with
 * a {@link WorkerDiedException} carrying its pid and exit code; a new worker takes its place.
 *
 * <h2>Callbacks</h2>
 * Success and error callbacks run in the parent, on the pool's single result thread
 * ({@code mproc-pool-results}), before the result turns ready; they must not block for long.
 *
 * <p>Thread-safe.
 */
public interface Pool extends AutoCloseable {

    /**
     * Runs a task in a worker and waits for its result: Python's {@code apply}.
     *
     * @param task the task
     * @param <R> the result type
     * @return its result
     * @throws PoolTaskException if the task failed; the cause is why
     * @throws InterruptedException if interrupted while waiting
     */
    <R> R apply(Task<R> task) throws InterruptedException;

    /**
     * Runs a task in a worker: Python's {@code apply_async}.
     *
     * @param task the task
     * @param <R> the result type
     * @return the pending result
     */
    <R> AsyncResult<R> applyAsync(Task<R> task);

    /**
     * Runs a task in a worker, with callbacks run in the parent on the pool's result thread.
     *
     * @param task the task
     * @param callback receives the result on success, or {@code null}
     * @param errorCallback receives the failure (the exception the task threw, or a {@link WorkerDiedException}),
     *     or {@code null}
     * @param <R> the result type
     * @return the pending result
     */
    <R> AsyncResult<R> applyAsync(Task<R> task, Consumer<? super R> callback, Consumer<Throwable> errorCallback);

    /**
     * Applies a function to every input, in parallel, and returns the results in input order: Python's
     * {@code map}, with its default chunk size ({@code ceil(n / (4 × workers))}).
     *
     * @param function the function, shipped to each worker once
     * @param inputs the inputs (materialised first)
     * @param <T> the input type
     * @param <R> the result type
     * @return the results, in input order
     * @throws PoolTaskException if any item failed (after all items finished, as Python: no fail-fast); the
     *     cause is the first failure
     * @throws InterruptedException if interrupted while waiting
     */
    <T, R> List<R> map(TaskFunction<? super T, ? extends R> function, Iterable<? extends T> inputs)
            throws InterruptedException;

    /**
     * As {@link #map(TaskFunction, Iterable)} with an explicit chunk size.
     *
     * @param function the function
     * @param inputs the inputs
     * @param chunksize items per message to a worker, at least 1
     * @param <T> the input type
     * @param <R> the result type
     * @return the results, in input order
     * @throws InterruptedException if interrupted while waiting
     */
    <T, R> List<R> map(TaskFunction<? super T, ? extends R> function, Iterable<? extends T> inputs, int chunksize)
            throws InterruptedException;

    /**
     * Starts a map: Python's {@code map_async}. Callbacks receive the whole list, or the first failure.
     *
     * @param function the function
     * @param inputs the inputs
     * @param chunksize items per message, or 0 for the default
     * @param callback receives the list on success, or {@code null}
     * @param errorCallback receives the first failure, or {@code null}
     * @param <T> the input type
     * @param <R> the result type
     * @return the pending list
     */
    <T, R> AsyncResult<List<R>> mapAsync(TaskFunction<? super T, ? extends R> function, Iterable<? extends T> inputs,
            int chunksize, Consumer<? super List<R>> callback, Consumer<Throwable> errorCallback);

    /**
     * Applies a function lazily: results come in input order as they are ready: Python's {@code imap}. The
     * iterator's {@code next()} blocks; a failed item throws {@link PoolTaskException} from {@code next()}.
     *
     * @param function the function
     * @param inputs the inputs
     * @param chunksize items per message, at least 1
     * @param <T> the input type
     * @param <R> the result type
     * @return an iterator over the results
     */
    <T, R> Iterator<R> imap(TaskFunction<? super T, ? extends R> function, Iterable<? extends T> inputs, int chunksize);

    /**
     * As {@link #imap} but in completion order: Python's {@code imap_unordered}.
     *
     * @param function the function
     * @param inputs the inputs
     * @param chunksize items per message, at least 1
     * @param <T> the input type
     * @param <R> the result type
     * @return an iterator over the results, each exactly once
     */
    <T, R> Iterator<R> imapUnordered(TaskFunction<? super T, ? extends R> function, Iterable<? extends T> inputs,
            int chunksize);

    /**
     * Applies a function of several arguments: Python's {@code starmap}.
     *
     * @param function the function
     * @param argumentLists one list of arguments per call
     * @param chunksize items per message, or 0 for the default
     * @param <R> the result type
     * @return the results, in input order
     * @throws InterruptedException if interrupted while waiting
     */
    <R> List<R> starmap(StarFunction<? extends R> function, Iterable<? extends List<?>> argumentLists, int chunksize)
            throws InterruptedException;

    /**
     * Registers a progress listener for long maps: called on the result thread with (completed, total) items
     * of each map or imap as its results arrive.
     *
     * @param listener receives progress, or {@code null} to remove it
     */
    void onProgress(ProgressListener listener);

    /** @return the number of worker processes the pool keeps */
    int processes();

    /** @return the pids of the live workers, a new list */
    List<Long> workerPids();

    /** Stops the workers now; outstanding tasks fail with {@link java.util.concurrent.CancellationException}. */
    void terminate();

    /**
     * Waits until every worker has exited.
     *
     * @throws IllegalStateException if the pool is still running ("Pool is still running")
     * @throws InterruptedException if interrupted while waiting
     */
    void join() throws InterruptedException;

    /**
     * Waits until every worker has exited, or the timeout elapses.
     *
     * @param timeout the longest time to wait
     * @return whether every worker has exited
     * @throws IllegalStateException if the pool is still running
     * @throws InterruptedException if interrupted while waiting
     */
    boolean join(Duration timeout) throws InterruptedException;

    /**
     * No new tasks; queued tasks still run and the workers exit when done. Does not wait. Idempotent.
     */
    @Override
    void close();

    /** Progress of a map: how many of its items have completed. */
    @FunctionalInterface
    interface ProgressListener {
        /**
         * @param completed items completed so far
         * @param total items in the map
         */
        void progress(long completed, long total);
    }
}
