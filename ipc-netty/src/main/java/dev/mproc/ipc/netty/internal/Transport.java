package dev.mproc.ipc.netty.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The socket family the owning side listens on: Unix domain sockets on native epoll where available (Linux),
 * loopback TCP otherwise. Addresses travel as text: {@code unix:<path>} or {@code tcp:<host>:<port>}.
 */
enum Transport {
    EPOLL_UNIX {
        @Override
        IoHandlerFactory ioHandlerFactory() {
            return EpollIoHandler.newFactory();
        }

        @Override
        Class<? extends ServerChannel> serverChannel() {
            return EpollServerDomainSocketChannel.class;
        }

        @Override
        SocketAddress bindAddress(Path runtimeDirectory, String socketName) {
            return new DomainSocketAddress(runtimeDirectory.resolve(socketName).toString());
        }

        @Override
        String describe(SocketAddress bound) {
            return "unix:" + ((DomainSocketAddress) bound).path();
        }
    },
    NIO_TCP {
        @Override
        IoHandlerFactory ioHandlerFactory() {
            return NioIoHandler.newFactory();
        }

        @Override
        Class<? extends ServerChannel> serverChannel() {
            return NioServerSocketChannel.class;
        }

        @Override
        SocketAddress bindAddress(Path runtimeDirectory, String socketName) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        }

        @Override
        String describe(SocketAddress bound) {
            InetSocketAddress a = (InetSocketAddress) bound;
            return "tcp:" + a.getAddress().getHostAddress() + ":" + a.getPort();
        }
    };

    /** Set {@code -Dmproc.netty.transport=tcp} to force loopback TCP even where epoll works. */
    static Transport choose() {
        if ("tcp".equals(System.getProperty("mproc.netty.transport"))) {
            return NIO_TCP;
        }
        return Epoll.isAvailable() ? EPOLL_UNIX : NIO_TCP;
    }

    abstract IoHandlerFactory ioHandlerFactory();

    abstract Class<? extends ServerChannel> serverChannel();

    abstract SocketAddress bindAddress(Path runtimeDirectory, String socketName);

    abstract String describe(SocketAddress bound);

    /**
     * One event-loop thread serves a backend's control and object servers: the work per message is small, and
     * running every shared object's state on one thread needs no locks. Its thread is a daemon: an idle server
     * must never keep a JVM alive.
     */
    EventLoopGroup newGroup(String name) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return new MultiThreadIoEventLoopGroup(1, threads, ioHandlerFactory());
    }
}
