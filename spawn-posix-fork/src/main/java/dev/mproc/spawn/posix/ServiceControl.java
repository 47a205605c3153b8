package dev.mproc.spawn.posix;

import java.time.Duration;
import java.util.List;

/** What a running {@link Service} is given: its arguments and the request to stop. Thread-safe. */
public interface ServiceControl {

    /** @return the arguments given to the service at start */
    List<String> args();

    /** @return whether an orderly stop has been requested */
    boolean stopRequested();

    /**
     * Blocks until an orderly stop is requested.
     *
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    void awaitStop() throws InterruptedException;

    /**
     * Blocks until an orderly stop is requested, or the timeout passes.
     *
     * @param timeout how long to wait at most
     * @return {@code true} if a stop was requested, {@code false} if the time passed first
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    boolean awaitStop(Duration timeout) throws InterruptedException;
}
