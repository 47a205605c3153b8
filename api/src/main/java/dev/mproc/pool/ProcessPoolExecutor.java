package dev.mproc.pool;

import dev.mproc.Task;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * An {@link ExecutorService} whose tasks run in worker processes, so that code written for thread pools can
 * switch to processes with one line. Tasks must be serializable: with this interface as the static type,
 * {@code executor.submit(() -> work())} picks {@link #submit(Task)} and the lambda is serializable; through a
 * plain {@code ExecutorService} reference a lambda is a non-serializable {@code Callable} and is rejected with a
 * {@link java.util.concurrent.RejectedExecutionException} saying so.
 *
 * <p>{@link #shutdownNow()} kills the workers and returns the tasks that never started; tasks that were running fail
 * with {@link java.util.concurrent.CancellationException}. {@link Future#cancel} cancels a task that has not
 * completed from the caller's point of view; a task already in a worker still runs there. {@link #close()} shuts
 * down and waits, as {@code ExecutorService.close()} does from JDK 19 on. Thread-safe.
 */
public interface ProcessPoolExecutor extends ExecutorService, AutoCloseable {

    /**
     * Submits a serializable task.
     *
     * @param task the task
     * @param <T> the result type
     * @return its future
     * @throws java.util.concurrent.RejectedExecutionException after shutdown
     */
    <T> Future<T> submit(Task<T> task);

    /** @return the pool this executor runs on */
    Pool pool();

    /** Shuts down and waits until every task has completed and every worker has exited. */
    @Override
    void close();
}
