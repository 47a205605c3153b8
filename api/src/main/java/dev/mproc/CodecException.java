package dev.mproc;

/**
 * An object could not be encoded for another process, or bytes received from another process could not
 * be decoded (unknown class, rejected by the deserialization filter, truncated or malformed data).
 * The message names the offending class or the limit that was exceeded.
 */
public class CodecException extends MprocException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what could not be encoded or decoded, and why
     */
    public CodecException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what could not be encoded or decoded, and why
     * @param cause the underlying failure
     */
    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
