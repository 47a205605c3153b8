package dev.mproc.queue;

import dev.mproc.MprocException;

/**
 * Thrown when no item can be taken because the queue is empty: at once by {@link Queue#getNowait()}, or
 * when the timeout of {@link Queue#get(java.time.Duration)} elapses. Python's {@code queue.Empty}.
 */
public class QueueEmptyException extends MprocException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message which queue was empty
     */
    public QueueEmptyException(String message) {
        super(message);
    }
}
