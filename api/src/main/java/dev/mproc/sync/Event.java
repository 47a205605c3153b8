package dev.mproc.sync;

import dev.mproc.SharedObject;
import java.time.Duration;

/**
 * A flag shared by processes that threads can wait for: Python's {@code multiprocessing.Event}. Created
 * by {@link dev.mproc.Primitives#event()}, initially clear.
 *
 * <p>Memory effects: changes to shared state made before {@link #set()} are visible to the thread of any
 * process that sees the flag set, once {@link #await()}, a successful {@link #await(Duration)} or a
 * {@code true} from {@link #isSet()} returns.
 */
public interface Event extends SharedObject {

    /**
     * Sets the flag and wakes every thread waiting for it, in every process. Never blocks.
     */
    void set();

    /**
     * Clears the flag, so that later waits block until the next {@link #set()}. Never blocks.
     */
    void clear();

    /**
     * Tells whether the flag is set at the moment of the check. Never blocks.
     *
     * @return {@code true} if the flag was set
     */
    boolean isSet();

    /**
     * Waits until the flag is set; returns at once if it already is.
     *
     * @throws InterruptedException if interrupted on entry or while waiting
     */
    void await() throws InterruptedException;

    /**
     * Waits up to the timeout until the flag is set; returns at once if it already is.
     *
     * @param timeout the longest time to wait; zero or less means only check
     * @return {@code true} if the flag was set, {@code false} if the timeout elapsed first
     * @throws InterruptedException if interrupted on entry or while waiting
     * @throws NullPointerException if {@code timeout} is {@code null}
     */
    boolean await(Duration timeout) throws InterruptedException;
}
