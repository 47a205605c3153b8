package dev.mproc.ipc.netty.internal;

import dev.mproc.spi.ControlListener;
import dev.mproc.spi.ControlSession;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;

/**
 * One child's registration and, once it authenticated, its channel. Messages sent before the child connected
 * wait here and go out in order right after the handshake.
 */
final class NettySession implements ControlSession {

    private final NettyControlServer server;
    private final long token;
    final ControlListener listener;
    private List<byte[]> queued = new ArrayList<>();
    private Channel channel;
    private boolean closed;

    NettySession(NettyControlServer server, long token, ControlListener listener) {
        this.server = server;
        this.token = token;
        this.listener = listener;
    }

    /** Called on the channel's event loop once the child has proved it knows the secret. */
    void bind(Channel ch) {
        List<byte[]> pending;
        synchronized (this) {
            if (closed) {
                ch.close();
                return;
            }
            channel = ch;
            pending = queued;
            queued = null;
        }
        for (byte[] m : pending) {
            ch.write(Unpooled.wrappedBuffer(m));
        }
        ch.flush();
        listener.onConnected();
    }

    @Override
    public void send(byte[] message) {
        Channel ch;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (channel == null) {
                queued.add(message);
                return;
            }
            ch = channel;
        }
        ch.writeAndFlush(Unpooled.wrappedBuffer(message));
    }

    @Override
    public void close() {
        Channel ch;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            ch = channel;
        }
        server.forget(token, this);
        if (ch != null) {
            ch.close();
        }
    }
}
