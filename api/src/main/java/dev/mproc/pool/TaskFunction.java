package dev.mproc.pool;

import java.io.Serializable;

/**
 * A function a pool worker applies to one argument: {@code pool.map(x -> x * x, inputs)}. Serializable so that a
 * lambda can be shipped to the workers, once per worker and call, not once per item.
 *
 * @param <T> the argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface TaskFunction<T, R> extends Serializable {

    /**
     * Runs in a worker.
     *
     * @param argument one item of the input
     * @return the result, sent back to the caller
     * @throws Exception any failure; it fails this item's result (the worker survives)
     */
    R apply(T argument) throws Exception;
}
