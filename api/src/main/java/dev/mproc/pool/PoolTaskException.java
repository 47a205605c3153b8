package dev.mproc.pool;

import dev.mproc.MprocException;

/**
 * A blocking pool call ({@link Pool#apply}, {@link Pool#map}, an {@code imap} iterator) found a failed task; the
 * cause is what the task threw (with the worker's stack trace) or a {@link WorkerDiedException}.
 */
public class PoolTaskException extends MprocException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message which task failed
     * @param cause why
     */
    public PoolTaskException(String message, Throwable cause) {
        super(message, cause);
    }
}
