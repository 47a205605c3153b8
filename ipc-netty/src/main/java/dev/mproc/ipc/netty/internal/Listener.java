package dev.mproc.ipc.netty.internal;

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
import java.util.function.Supplier;

/**
 * A listening socket whose connections speak length-prefixed frames (4-byte length, then the bytes) and start
 * with the {@link AuthHandler}. The control server and the object server each have one.
 */
final class Listener {

    private final Channel channel;
    private final String address;

    private Listener(Channel channel, String address) {
        this.channel = channel;
        this.address = address;
    }

    static Listener bind(EventLoopGroup group, Transport transport, Path runtimeDirectory, String socketName,
            int maxFrameBytes, Supplier<AuthHandler> auth) throws IOException {
        try {
            Channel ch = new ServerBootstrap()
                    .group(group)
                    .channel(transport.serverChannel())
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel c) {
                            c.pipeline()
                                    .addLast(new LengthFieldBasedFrameDecoder(maxFrameBytes + 4, 0, 4, 0, 4))
                                    .addLast(new LengthFieldPrepender(4))
                                    .addLast("auth", auth.get());
                        }
                    })
                    .bind(transport.bindAddress(runtimeDirectory, socketName))
                    .sync()
                    .channel();
            String address = transport.describe(ch.localAddress());
            if (address.startsWith("unix:")) {
                Path socket = Paths.get(address.substring("unix:".length()));
                Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            }
            return new Listener(ch, address);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding " + socketName, e);
        } catch (RuntimeException e) {
            throw new IOException("cannot listen on " + socketName + ": " + e, e);
        }
    }

    String address() {
        return address;
    }

    void close() {
        channel.close().awaitUninterruptibly();
    }
}
