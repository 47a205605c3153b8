package dev.mproc;

import java.io.Serializable;

/**
 * The code a child process runs when it has no result to return: Python's {@code Process(target=f)}.
 *
 * <p>A target is {@link Serializable} so that a lambda written at the call site can be shipped to the child,
 * which has the same classes. Everything the lambda captures must be serializable (or be a
 * {@link SharedObject}); otherwise {@link Process#start()} fails in the parent with an error naming the class.
 * A target may throw: the child then exits with code 1, prints the stack trace on its standard error, and
 * the parent receives the exception as the process's {@linkplain Process#failure() failure}.
 */
@FunctionalInterface
public interface Target extends Serializable {

    /**
     * Runs in the child process.
     *
     * @throws Exception any failure; it ends the child with exit code 1
     */
    void run() throws Exception;
}
