package dev.mproc.ipc.netty.internal;

import dev.mproc.spi.ControlListener;
import dev.mproc.spi.ControlServer;
import dev.mproc.spi.ControlSession;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parent side of the control channel on Netty. A child authenticates with the token it was registered
 * under; each token admits one connection.
 */
final class NettyControlServer implements ControlServer {

    private final Listener listener;
    private final Map<Long, NettySession> expected = new ConcurrentHashMap<>();

    private NettyControlServer(EventLoopGroup group, Transport transport, Path dir, int maxFrameBytes, byte[] secret)
            throws IOException {
        this.listener = Listener.bind(group, transport, dir, "ctl.sock", maxFrameBytes,
                () -> new AuthHandler(secret, new AuthHandler.Admission() {
                    @Override
                    public ChannelHandler admit(long token) {
                        NettySession session = expected.remove(token);
                        return session == null ? null : new ControlHandler(session);
                    }

                    @Override
                    public String refusal() {
                        return "no child is expected with this token (already connected or cancelled)";
                    }
                }));
    }

    static NettyControlServer start(EventLoopGroup group, Transport transport, Path dir, int maxFrameBytes,
            byte[] secret) throws IOException {
        return new NettyControlServer(group, transport, dir, maxFrameBytes, secret);
    }

    @Override
    public String address() {
        return listener.address();
    }

    @Override
    public ControlSession expect(long token, ControlListener controlListener) {
        NettySession session = new NettySession(this, token, controlListener);
        if (expected.putIfAbsent(token, session) != null) {
            throw new IllegalStateException("token already registered");
        }
        return session;
    }

    void forget(long token, NettySession session) {
        expected.remove(token, session);
    }

    void close() {
        expected.clear();
        listener.close();
    }
}
