package dev.mproc.internal.child;

import dev.mproc.spi.ControlLink;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The running target's access to its control connection, for code that talks to the parent beyond the task and
 * its outcome (a pool worker receiving chunks). The parent watcher thread reads the connection and hands every
 * message here; end-of-file arrives as an empty message.
 */
public final class ChildChannel {

    private static final byte[] END = new byte[0];
    private static final BlockingQueue<byte[]> INBOX = new LinkedBlockingQueue<>();
    private static volatile ControlLink link;

    private ChildChannel() {
    }

    static void attach(ControlLink controlLink) {
        link = controlLink;
    }

    static void deliver(byte[] message) {
        INBOX.add(message);
    }

    static void ended() {
        INBOX.add(END);
    }

    /**
     * Waits for the next message from the parent.
     *
     * @return the message, or {@code null} once the parent closed the connection
     * @throws InterruptedException if interrupted while waiting
     */
    public static byte[] receive() throws InterruptedException {
        byte[] m = INBOX.take();
        if (m == END) {
            INBOX.add(END); // every later receive sees the end too
            return null;
        }
        return m;
    }

    /**
     * Whether a message is already waiting, so that a worker can keep collecting results before it sends them.
     *
     * @return {@code true} if {@link #receive()} would not block
     */
    public static boolean hasPending() {
        return !INBOX.isEmpty();
    }

    /**
     * Sends a message to the parent.
     *
     * @param message the bytes
     * @throws IOException if the connection is broken
     * @throws IllegalStateException if this JVM is not an mproc child
     */
    public static void send(byte[] message) throws IOException {
        ControlLink l = link;
        if (l == null) {
            throw new IllegalStateException("not running in an mproc child");
        }
        l.send(message);
    }
}
