package dev.mproc;

import java.io.Serializable;

/**
 * The code a child process runs when its result matters: beyond Python, the parent reads the value with
 * {@link Process#result()} after the child has ended. Serializable for the same reason as {@link Target};
 * the result must be encodable by the context's codec.
 *
 * @param <R> the result type
 */
@FunctionalInterface
public interface Task<R> extends Serializable {

    /**
     * Runs in the child process.
     *
     * @return the result sent back to the parent
     * @throws Exception any failure; it ends the child with exit code 1
     */
    R call() throws Exception;
}
