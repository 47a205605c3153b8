package dev.mproc.ipc.netty.internal;

import dev.mproc.spi.ChildConnector;
import dev.mproc.spi.ControlLink;
import dev.mproc.spi.Handshake;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * The child side of the netty backend's control channel, on plain JDK blocking sockets: a freshly started
 * child needs one connection, and Netty would cost it far more start-up time than it saves.
 */
public final class SocketChildConnector implements ChildConnector {

    /** Used by the child bootstrap, which loads this class by name. */
    public SocketChildConnector() {
    }

    @Override
    public ControlLink connect(String address, long token, byte[] secret, Duration timeout, int maxFrameBytes)
            throws IOException {
        SocketChannel channel = open(address);
        Watchdog watchdog = new Watchdog(channel, timeout);
        try {
            SocketControlLink link = new SocketControlLink(channel, maxFrameBytes);
            Handshake.authenticateChild(link, token, secret, address);
            watchdog.done();
            link.detachFromInterrupts();
            return link;
        } catch (IOException | RuntimeException e) {
            watchdog.done();
            channel.close();
            if (watchdog.fired()) {
                throw new IOException("no authenticated connection to " + address + " within " + timeout, e);
            }
            throw e;
        }
    }

    private static SocketChannel open(String address) throws IOException {
        if (address.startsWith("unix:")) {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(address.substring("unix:".length())));
            return ch;
        }
        if (address.startsWith("tcp:")) {
            String hostPort = address.substring("tcp:".length());
            int colon = hostPort.lastIndexOf(':');
            SocketChannel ch = SocketChannel.open();
            ch.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))));
            return ch;
        }
        throw new IOException("unsupported control address: " + address);
    }

    /** Closes the channel if the handshake has not finished in time: blocking socket reads have no timeout. */
    private static final class Watchdog implements Runnable {
        private final SocketChannel channel;
        private final long deadline;
        private boolean done;
        private boolean fired;

        Watchdog(SocketChannel channel, Duration timeout) {
            this.channel = channel;
            this.deadline = System.nanoTime() + timeout.toNanos();
            Thread t = new Thread(this, "mproc-connect-watchdog");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public synchronized void run() {
            try {
                long left;
                while (!done && (left = deadline - System.nanoTime()) > 0) {
                    wait(Math.max(1, left / 1_000_000));
                }
                if (!done) {
                    fired = true;
                    channel.close();
                }
            } catch (InterruptedException | IOException e) {
                // Nothing to clean up: the channel is closed or the child is exiting.
            }
        }

        synchronized void done() {
            done = true;
            notifyAll();
        }

        synchronized boolean fired() {
            return fired;
        }
    }
}
