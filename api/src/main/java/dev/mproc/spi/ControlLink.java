package dev.mproc.spi;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;

/**
 * The child's end of its authenticated control connection: whole messages, in order, both ways. {@link #send}
 * and {@link #receive} may be called from different threads; each of them is called by one thread at a time.
 */
public interface ControlLink extends Closeable {

    /**
     * Sends one message, blocking until it has been handed to the operating system.
     *
     * @param message the bytes
     * @throws IOException if the connection is broken
     */
    void send(byte[] message) throws IOException;

    /**
     * Receives the next message, blocking until one arrives.
     *
     * @return the message bytes
     * @throws EOFException when the parent closed the connection or died
     * @throws IOException if the connection broke or the parent violated the protocol
     */
    byte[] receive() throws IOException;
}
