package dev.mproc.internal;

import dev.mproc.Process;
import java.util.concurrent.CompletableFuture;

/**
 * What mproc's own machinery (the pool) needs of a child beyond {@link Process}: a message channel to its running
 * target. Internal.
 */
public interface ChildHandle {

    /**
     * Sends a message to the child's target; never blocks.
     *
     * @param message the bytes
     */
    void send(byte[] message);

    /** @return the child as a process */
    Process<Void> process();

    /** @return completes when the child has ended */
    CompletableFuture<Process<Void>> onExit();
}
