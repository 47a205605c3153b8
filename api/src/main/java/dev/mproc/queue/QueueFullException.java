package dev.mproc.queue;

import dev.mproc.MprocException;

/**
 * Thrown when an item cannot be put because the queue is at capacity: at once by
 * {@link Queue#putNowait(Object)}, or when the timeout of {@link Queue#put(Object, java.time.Duration)}
 * elapses. Python's {@code queue.Full}.
 */
public class QueueFullException extends MprocException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message which queue was full, and its capacity
     */
    public QueueFullException(String message) {
        super(message);
    }
}
