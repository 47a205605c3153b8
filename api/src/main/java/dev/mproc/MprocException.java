package dev.mproc;

/**
 * Base class of the unchecked exceptions mproc throws for failures that are not misuse of the api
 * (misuse is reported with {@link IllegalStateException} or {@link IllegalArgumentException}, as in
 * {@code java.util.concurrent}).
 */
public class MprocException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong, naming the object or value concerned
     */
    public MprocException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what went wrong, naming the object or value concerned
     * @param cause the underlying failure
     */
    public MprocException(String message, Throwable cause) {
        super(message, cause);
    }
}
