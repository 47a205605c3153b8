package dev.mproc.ipc.netty.internal;

import dev.mproc.spi.ControlListener;
import dev.mproc.spi.ControlServer;
import dev.mproc.spi.ControlSession;
import dev.mproc.spi.IpcSettings;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parent side of the control channel on Netty. One event-loop thread serves every child of the context:
 * the work per message is a frame split and a hand-off, and children are few.
 */
final class NettyControlServer implements ControlServer {

    /** How long a connection may take to authenticate before it is dropped. */
    static final long AUTH_TIMEOUT_MILLIS = 10_000;

    private final IpcSettings settings;
    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final String address;
    private final Map<Long, NettySession> expected = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    private NettyControlServer(IpcSettings settings, EventLoopGroup group, Channel serverChannel, String address) {
        this.settings = settings;
        this.group = group;
        this.serverChannel = serverChannel;
        this.address = address;
    }

    static NettyControlServer start(IpcSettings settings) throws IOException {
        Transport transport = Transport.choose();
        EventLoopGroup group = transport.newGroup("mproc-control");
        NettyControlServer[] self = new NettyControlServer[1];
        try {
            Channel channel = new ServerBootstrap()
                    .group(group)
                    .channel(transport.serverChannel())
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline()
                                    .addLast(new LengthFieldBasedFrameDecoder(settings.maxFrameBytes() + 4, 0, 4, 0, 4))
                                    .addLast(new LengthFieldPrepender(4))
                                    .addLast(new ControlHandler(self[0]));
                        }
                    })
                    .bind(transport.bindAddress(settings.runtimeDirectory()))
                    .sync()
                    .channel();
            String address = transport.describe(channel.localAddress());
            if (address.startsWith("unix:")) {
                Path socket = Paths.get(address.substring("unix:".length()));
                Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            }
            self[0] = new NettyControlServer(settings, group, channel, address);
            return self[0];
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS);
            throw new IOException("interrupted while starting the control server", e);
        } catch (RuntimeException | IOException e) {
            group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS);
            throw new IOException("cannot start the control server: " + e, e);
        }
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public ControlSession expect(long token, ControlListener listener) {
        NettySession session = new NettySession(this, token, listener);
        if (expected.putIfAbsent(token, session) != null) {
            throw new IllegalStateException("token already registered");
        }
        return session;
    }

    /** Consumes the registration for a token: a second connection with the same token finds nothing. */
    NettySession claim(long token) {
        return expected.remove(token);
    }

    void forget(long token, NettySession session) {
        expected.remove(token, session);
    }

    byte[] secret() {
        return settings.secret();
    }

    byte[] newChallenge(int length) {
        byte[] nonce = new byte[length];
        random.nextBytes(nonce);
        return nonce;
    }

    void close() {
        expected.clear();
        serverChannel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS).awaitUninterruptibly();
    }
}
