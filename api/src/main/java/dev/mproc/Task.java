package dev.mproc;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * The code a child process runs when its result matters: beyond Python, the parent reads the value with
 * {@link Process#result()} after the child has ended. Serializable for the same reason as {@link Target};
 * the result must be encodable by the context's codec. A {@link Callable}, so that code written for
 * {@link java.util.concurrent.ExecutorService} can hand its tasks to a {@link dev.mproc.pool.ProcessPoolExecutor}:
 * there a lambda whose static type is {@code Task} is serializable, while a plain {@code Callable} lambda is not.
 *
 * @param <R> the result type
 */
@FunctionalInterface
public interface Task<R> extends Callable<R>, Serializable {

    /**
     * Runs in the child process (or in a pool worker).
     *
     * @return the result sent back to the parent
     * @throws Exception any failure; it ends a child process with exit code 1
     */
    @Override
    R call() throws Exception;
}
