package dev.mproc.pool;

import java.io.Serializable;
import java.util.List;

/**
 * A function of several arguments, for {@link Pool#starmap}: Python's {@code starmap(f, [(a, b), ...])}. The
 * arguments of one call arrive as a list, in order.
 *
 * @param <R> the result type
 */
@FunctionalInterface
public interface StarFunction<R> extends Serializable {

    /**
     * Runs in a worker.
     *
     * @param arguments the arguments of one call
     * @return the result
     * @throws Exception any failure; it fails this call's result
     */
    R apply(List<?> arguments) throws Exception;
}
