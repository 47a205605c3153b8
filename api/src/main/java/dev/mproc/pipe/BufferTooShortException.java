package dev.mproc.pipe;

import dev.mproc.MprocException;
import java.util.Objects;

/**
 * Thrown by {@link Connection#recvBytesInto(byte[], int)} when the received message does not fit the
 * buffer. The message has been consumed from the connection; it is carried whole by this exception, so
 * nothing is lost. Python's {@code BufferTooShort}, whose {@code args[0]} is the message.
 */
public class BufferTooShortException extends MprocException {
    private static final long serialVersionUID = 1L;

    /** The whole message; taken over, not copied, by the constructor, since a message may be tens of MiB. */
    private final byte[] message;

    /**
     * Creates an exception carrying the message that did not fit.
     *
     * @param description the message length and the room that was available
     * @param message the whole received message; the exception takes this array over, so the caller must not
     *     modify it afterwards
     */
    public BufferTooShortException(String description, byte[] message) {
        super(description);
        this.message = Objects.requireNonNull(message, "message");
    }

    /**
     * Returns the whole message that did not fit.
     *
     * @return a copy of the message bytes
     */
    public byte[] message() {
        return message.clone();
    }
}
