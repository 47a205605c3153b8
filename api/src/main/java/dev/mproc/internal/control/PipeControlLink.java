package dev.mproc.internal.control;

import dev.mproc.spi.ControlLink;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Length-prefixed frames (a 4-byte big-endian length, then the bytes, as on the control sockets) over a pair of
 * pipes: read from a channel, written to a stream.
 *
 * <p>Why a channel to read: a thread blocked reading a {@code FileInputStream} cannot be woken by closing it, and
 * a JVM that exits while one of its threads sits in such a read waits ≈ 300 ms for it; closing a
 * {@link java.nio.channels.FileChannel} wakes its reader. Why a stream to write: writing an interruptible channel
 * from a thread that has been interrupted would close it, and in a child any thread of the user's code may send.
 *
 * <p>{@link #receive()} is for one thread at a time; {@link #send}, {@link #write} and {@link #flush} may be
 * called from any thread.
 */
public final class PipeControlLink implements ControlLink {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final ReadableByteChannel in;
    private final OutputStream out;
    private final OutputStream unbuffered;
    private final int maxFrameBytes;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).flip();
    private final byte[] header = new byte[Integer.BYTES];

    /**
     * @param in the pipe the peer writes
     * @param out the pipe the peer reads; buffered here
     * @param maxFrameBytes the largest frame accepted; a longer one is a protocol violation
     */
    public PipeControlLink(ReadableByteChannel in, OutputStream out, int maxFrameBytes) {
        this.in = in;
        this.unbuffered = out;
        this.out = new BufferedOutputStream(out, BUFFER_BYTES);
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public void send(byte[] message) throws IOException {
        synchronized (out) {
            write(message);
            out.flush();
        }
    }

    /**
     * Adds a frame to the output buffer without flushing it; {@link #flush()} sends what is buffered.
     *
     * @param message the frame's bytes
     * @throws IOException if the pipe is broken
     */
    public void write(byte[] message) throws IOException {
        synchronized (out) {
            int n = message.length;
            header[0] = (byte) (n >>> 24);
            header[1] = (byte) (n >>> 16);
            header[2] = (byte) (n >>> 8);
            header[3] = (byte) n;
            out.write(header);
            out.write(message);
        }
    }

    /**
     * Sends every buffered frame.
     *
     * @throws IOException if the pipe is broken
     */
    public void flush() throws IOException {
        synchronized (out) {
            out.flush();
        }
    }

    @Override
    public byte[] receive() throws IOException {
        fill(Integer.BYTES, true);
        int length = buffer.getInt();
        if (length < 0 || length > maxFrameBytes) {
            throw new IOException("malformed frame: length " + (length & 0xffffffffL) + " outside 0.." + maxFrameBytes);
        }
        byte[] frame = new byte[length];
        int done = 0;
        while (done < length) {
            if (!buffer.hasRemaining()) {
                fill(1, false);
            }
            int n = Math.min(buffer.remaining(), length - done);
            buffer.get(frame, done, n);
            done += n;
        }
        return frame;
    }

    /** Reads until at least {@code needed} bytes are buffered. */
    private void fill(int needed, boolean atBoundary) throws IOException {
        while (buffer.remaining() < needed) {
            boolean empty = !buffer.hasRemaining();
            buffer.compact();
            int n;
            try {
                n = in.read(buffer);
            } finally {
                buffer.flip();
            }
            if (n < 0) {
                throw atBoundary && empty ? new EOFException("the peer closed its control pipe")
                        : new EOFException("the peer closed its control pipe in the middle of a frame");
            }
        }
    }

    /**
     * Closes both pipes, dropping frames written and not flushed; a thread blocked in {@link #receive()} returns
     * with an exception. Not under the write lock, which a writer blocked on a full pipe may hold.
     */
    @Override
    public void close() throws IOException {
        try {
            in.close();
        } finally {
            unbuffered.close();
        }
    }
}
