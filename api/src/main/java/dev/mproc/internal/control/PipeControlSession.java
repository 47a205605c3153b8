package dev.mproc.internal.control;

import dev.mproc.spi.ControlListener;
import dev.mproc.spi.ControlPipes;
import dev.mproc.spi.ControlSession;
import dev.mproc.spi.Handshake;
import java.io.IOException;
import java.nio.channels.Channels;
import java.security.SecureRandom;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The parent's side of one child's control channel over its {@link ControlPipes}: the same contract as a
 * session of an IPC backend's control server, without a server.
 *
 * <p>Two threads per child, both daemons: a reader that runs the handshake and then delivers the child's
 * messages in order, and a writer, started once the child has authenticated, that drains the queue of messages
 * {@link #send} accepted (so that sending never blocks on a full pipe) and flushes when the queue is empty, so
 * that a burst goes out in few writes. A child that does not prove the secret, or sends a malformed frame, is cut
 * off with a logged reason; its process is then judged by its exit.
 */
public final class PipeControlSession implements ControlSession {

    private static final System.Logger LOG = System.getLogger(PipeControlSession.class.getName());
    /** Tells the writer to stop; compared by identity. */
    private static final byte[] CLOSE = new byte[0];

    private final PipeControlLink link;
    private final ControlListener listener;
    private final String name;
    private final LinkedBlockingQueue<byte[]> outbound = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    private PipeControlSession(PipeControlLink link, ControlListener listener, String name) {
        this.link = link;
        this.listener = listener;
        this.name = name;
    }

    /**
     * Starts serving a freshly spawned child's pipes.
     *
     * @param pipes the parent's ends, owned by the session from now on
     * @param token the token the child must present
     * @param secret the context's secret
     * @param maxFrameBytes the largest message accepted from the child
     * @param random the source of the challenge
     * @param listener receives the session's events on the reader thread
     * @param name names the threads, e.g. the child's pid
     * @return the session; messages may be sent at once
     */
    public static PipeControlSession start(ControlPipes pipes, long token, byte[] secret, int maxFrameBytes,
            SecureRandom random, ControlListener listener, String name) {
        PipeControlLink link = new PipeControlLink(pipes.fromChild(), Channels.newOutputStream(pipes.toChild()),
                maxFrameBytes);
        PipeControlSession session = new PipeControlSession(link, listener, name);
        Thread reader = new Thread(() -> session.read(token, secret, random), "mproc-control-read-" + name);
        reader.setDaemon(true);
        reader.start();
        return session;
    }

    private void read(long token, byte[] secret, SecureRandom random) {
        try {
            Handshake.authenticateParent(link, token, secret, random);
        } catch (IOException | RuntimeException e) {
            // End-of-file here is a child that died or gave up before connecting: its exit tells the rest.
            if (!closed && !(e instanceof java.io.EOFException)) {
                LOG.log(System.Logger.Level.WARNING, "mproc: control pipes of child " + name + " closed: "
                        + e.getMessage());
            }
            closeQuietly();
            return;
        }
        Thread writer = new Thread(this::write, "mproc-control-write-" + name);
        writer.setDaemon(true);
        writer.start();
        listener.onConnected();
        Throwable cause = null;
        try {
            while (true) {
                listener.onMessage(link.receive());
            }
        } catch (java.io.EOFException e) {
            // The child closed its end or exited: an orderly end.
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                cause = e;
                LOG.log(System.Logger.Level.WARNING, "mproc: control pipes of child " + name + " closed: "
                        + e.getMessage());
            }
        }
        closeQuietly();
        listener.onDisconnected(cause);
    }

    private void write() {
        try {
            while (true) {
                byte[] message = outbound.take();
                if (message == CLOSE) {
                    return;
                }
                link.write(message);
                if (outbound.isEmpty()) {
                    link.flush();
                }
            }
        } catch (IOException e) {
            // The child is gone or we closed: the reader reports the end.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void send(byte[] message) {
        if (!closed) {
            outbound.add(message);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        outbound.add(CLOSE);
        closeQuietly();
    }

    private void closeQuietly() {
        outbound.add(CLOSE);
        try {
            link.close();
        } catch (IOException e) {
            // Closing pipes whose peer is gone: nothing more to do.
        }
    }
}
