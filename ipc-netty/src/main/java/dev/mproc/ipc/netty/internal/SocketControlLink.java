package dev.mproc.ipc.netty.internal;

import dev.mproc.spi.ControlLink;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** Length-prefixed frames (a 4-byte big-endian length, then the bytes) over a blocking socket channel. */
final class SocketControlLink implements ControlLink {

    private final SocketChannel channel;
    private final int maxFrameBytes;
    private final ByteBuffer readHeader = ByteBuffer.allocate(4);
    private final ByteBuffer writeHeader = ByteBuffer.allocate(4);

    SocketControlLink(SocketChannel channel, int maxFrameBytes) {
        this.channel = channel;
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public void send(byte[] message) throws IOException {
        synchronized (writeHeader) {
            writeHeader.clear();
            writeHeader.putInt(message.length).flip();
            ByteBuffer body = ByteBuffer.wrap(message);
            ByteBuffer[] both = {writeHeader, body};
            while (body.hasRemaining()) {
                channel.write(both);
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
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("the parent closed the control connection");
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
