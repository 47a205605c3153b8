package dev.mproc.spi;

/** The parent's handle on one child's control connection. Thread-safe. */
public interface ControlSession {

    /**
     * Queues a message for the child, keeping its boundaries; never blocks. Messages sent before the child
     * connected are delivered in order once it has authenticated.
     *
     * @param message the bytes; not modified afterwards by the caller
     */
    void send(byte[] message);

    /** Closes the connection, or cancels the registration if the child has not connected yet. */
    void close();
}
