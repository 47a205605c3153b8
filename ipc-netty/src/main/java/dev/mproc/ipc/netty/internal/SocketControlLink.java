package dev.mproc.ipc.netty.internal;

import dev.mproc.spi.ControlLink;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * Length-prefixed frames (a 4-byte big-endian length, then the bytes) over a socket channel.
 *
 * <p>The channel is in non-blocking mode and waits in selectors: a blocking {@link SocketChannel} is an
 * interruptible channel, which an interrupt of any thread writing to it closes, cutting the whole process off
 * from the peer. Here an interrupt neither closes the link nor cuts a frame short; the thread's interrupt status
 * is kept for its own code to see.
 */
public final class SocketControlLink implements ControlLink {

    private final SocketChannel channel;
    private final int maxFrameBytes;
    /** Guards reading; the buffer of bytes read and not yet taken is {@link #in}, in read mode. */
    private final Object readLock = new Object();
    private final ByteBuffer in = ByteBuffer.allocate(64 * 1024).flip();
    private final ByteBuffer writeHeader = ByteBuffer.allocate(4);
    private volatile Selector readable;
    private volatile Selector writable;

    /**
     * Wraps a connected channel, still in blocking mode for the handshake; {@link #detachFromInterrupts()} then
     * makes it non-blocking.
     */
    SocketControlLink(SocketChannel channel, int maxFrameBytes) {
        this.channel = channel;
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Switches to non-blocking mode once the handshake is done. Selectors are opened only when a read or write
     * first has to wait — in a child that is the parent watcher thread, running beside the task — so that their
     * cost stays off the child's start path.
     */
    void detachFromInterrupts() throws IOException {
        channel.configureBlocking(false);
    }

    private Selector selector(boolean forRead) throws IOException {
        if (forRead) {
            if (readable == null) {
                readable = Selector.open();
                channel.register(readable, SelectionKey.OP_READ);
            }
            return readable;
        }
        if (writable == null) {
            writable = Selector.open();
            channel.register(writable, SelectionKey.OP_WRITE);
        }
        return writable;
    }

    @Override
    public void send(byte[] message) throws IOException {
        synchronized (writeHeader) {
            writeHeader.clear();
            writeHeader.putInt(message.length).flip();
            ByteBuffer body = ByteBuffer.wrap(message);
            ByteBuffer[] both = {writeHeader, body};
            boolean interrupted = false;
            try {
                while (body.hasRemaining()) {
                    if (channel.write(both) == 0 && !channel.isBlocking()) {
                        awaitReady(false);
                        interrupted |= Thread.interrupted();
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** What {@link #receive(boolean, long, long)} returns when its wait ended before a frame began to arrive. */
    public static final byte[] TIMED_OUT = new byte[0];

    @Override
    public byte[] receive() throws IOException {
        return receive(false, 0, -1);
    }

    /**
     * Receives the next frame, optionally giving up at a frame boundary when the thread is interrupted.
     *
     * <p>Reads are buffered: one read system call usually brings several frames, and the following calls
     * take them from the buffer. A frame is never cut short: an interrupt that arrives while part of a frame is
     * in, is noticed only after the rest has been read, and the thread's interrupt status is kept.
     *
     * @param stopOnInterrupt whether to return {@code null} when the thread is interrupted (or was, on entry)
     *     while no byte of the next frame has arrived; its interrupt status is then cleared
     * @param spinNanos how long to keep trying non-blocking reads before waiting in the kernel, when nothing is
     *     there: a peer that answers within that time then costs no wake-up
     * @param waitNanos how long to wait for a frame to begin arriving, negative for ever
     * @return the frame, {@code null} if interrupted at a frame boundary, or {@link #TIMED_OUT}
     * @throws IOException if the connection broke, or the peer closed it, or a frame exceeds the limit
     */
    public byte[] receive(boolean stopOnInterrupt, long spinNanos, long waitNanos) throws IOException {
        synchronized (readLock) {
            boolean interrupted = false;
            try {
                long spinUntil = 0;
                long deadline = waitNanos < 0 ? 0 : System.nanoTime() + waitNanos;
                while (in.remaining() < 4) {
                    if (stopOnInterrupt && !in.hasRemaining() && (interrupted || Thread.interrupted())) {
                        interrupted = false;
                        return null;
                    }
                    int n = fill();
                    if (n == 0) {
                        if (spinNanos > 0) {
                            long now = System.nanoTime();
                            if (spinUntil == 0) {
                                spinUntil = now + spinNanos;
                            }
                            if (now - spinUntil < 0) {
                                Thread.onSpinWait();
                                continue;
                            }
                        }
                        if (waitNanos >= 0 && !in.hasRemaining()) {
                            long left = deadline - System.nanoTime();
                            if (left <= 0) {
                                return TIMED_OUT;
                            }
                            awaitReady(true, left);
                        } else {
                            awaitReady(true, -1);
                        }
                        interrupted |= Thread.interrupted();
                    }
                }
                int length = in.getInt(in.position());
                if (length < 0 || length > maxFrameBytes) {
                    throw new IOException("frame of " + length + " bytes exceeds the limit of " + maxFrameBytes);
                }
                in.position(in.position() + 4);
                byte[] body = new byte[length];
                int have = Math.min(length, in.remaining());
                in.get(body, 0, have);
                if (have < length) {
                    ByteBuffer rest = ByteBuffer.wrap(body, have, length - have);
                    interrupted |= readFully(rest);
                }
                return body;
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * Receives a frame only if it has arrived completely, without waiting.
     *
     * @return the frame, or {@code null} if none has arrived completely yet
     * @throws IOException if the connection broke, or the peer closed it, or a frame exceeds the limit
     */
    public byte[] receiveNow() throws IOException {
        synchronized (readLock) {
            if (in.remaining() < 4) {
                fill();
            }
            if (in.remaining() < 4) {
                return null;
            }
            int length = in.getInt(in.position());
            if (length < 0 || length > maxFrameBytes) {
                throw new IOException("frame of " + length + " bytes exceeds the limit of " + maxFrameBytes);
            }
            if (in.remaining() - 4 < length) {
                if (4 + length > in.capacity()) {
                    return receive(false, 0, -1); // a large frame is on its way: read it whole
                }
                fill();
                if (in.remaining() - 4 < length) {
                    return null;
                }
            }
            in.position(in.position() + 4);
            byte[] body = new byte[length];
            in.get(body);
            return body;
        }
    }

    /** Reads what the socket has into the buffer, without waiting; returns the bytes read (-1 never: EOF throws). */
    private int fill() throws IOException {
        in.compact();
        int n;
        try {
            n = channel.read(in);
        } finally {
            in.flip();
        }
        if (n < 0) {
            throw new EOFException("the parent closed the control connection");
        }
        return n;
    }

    /**
     * Writes bytes that are already framed (each frame with its length prefix), all of them, waiting for room
     * in the socket as needed.
     *
     * @param frames the framed bytes, from position to limit
     * @throws IOException if the connection is broken
     */
    public void writeFramed(ByteBuffer frames) throws IOException {
        synchronized (writeHeader) {
            boolean interrupted = false;
            try {
                while (frames.hasRemaining()) {
                    if (channel.write(frames) == 0) {
                        awaitReady(false);
                        interrupted |= Thread.interrupted();
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** @return whether {@code receive} interrupted a wait (the caller restores the status) */
    private boolean readFully(ByteBuffer buffer) throws IOException {
        boolean interrupted = false;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer);
            if (n < 0) {
                throw new EOFException("the parent closed the control connection");
            }
            if (n == 0 && !channel.isBlocking()) {
                awaitReady(true);
                interrupted |= Thread.interrupted();
            }
        }
        return interrupted;
    }

    /** Waits until the channel can be read or written; a close from another thread ends the wait. */
    private void awaitReady(boolean forRead) throws IOException {
        awaitReady(forRead, -1);
    }

    /** As {@link #awaitReady(boolean)}, for at most about {@code nanos} (negative: no limit). */
    private void awaitReady(boolean forRead, long nanos) throws IOException {
        try {
            Selector s = selector(forRead);
            if (nanos < 0) {
                s.select();
            } else {
                s.select(Math.max(1, (nanos + 999_999) / 1_000_000));
            }
            s.selectedKeys().clear();
        } catch (java.nio.channels.ClosedSelectorException e) {
            throw new java.nio.channels.AsynchronousCloseException();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            // Closing a selector wakes a thread blocked in it, which then finds the channel closed.
            Selector r = readable;
            if (r != null) {
                r.close();
            }
            Selector w = writable;
            if (w != null) {
                w.close();
            }
        }
    }
}
