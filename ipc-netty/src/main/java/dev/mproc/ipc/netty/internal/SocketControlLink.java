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
final class SocketControlLink implements ControlLink {

    private final SocketChannel channel;
    private final int maxFrameBytes;
    private final ByteBuffer readHeader = ByteBuffer.allocate(4);
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

    @Override
    public byte[] receive() throws IOException {
        synchronized (readHeader) {
            readHeader.clear();
            readFully(readHeader);
            int length = readHeader.getInt(0);
            if (length < 0 || length > maxFrameBytes) {
                throw new IOException("frame of " + length + " bytes exceeds the limit of " + maxFrameBytes);
            }
            ByteBuffer body = ByteBuffer.allocate(length);
            readFully(body);
            return body.array();
        }
    }

    private void readFully(ByteBuffer buffer) throws IOException {
        boolean interrupted = false;
        try {
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
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits until the channel can be read or written; a close from another thread ends the wait. */
    private void awaitReady(boolean forRead) throws IOException {
        try {
            Selector s = selector(forRead);
            s.select();
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
