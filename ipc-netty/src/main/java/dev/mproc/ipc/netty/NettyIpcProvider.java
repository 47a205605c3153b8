package dev.mproc.ipc.netty;

import dev.mproc.ipc.netty.internal.NettyIpcBackend;
import dev.mproc.spi.Availability;
import dev.mproc.spi.IpcBackend;
import dev.mproc.spi.IpcProvider;
import dev.mproc.spi.IpcSettings;

/**
 * The location-transparent IPC backend: messages over sockets. The side that owns shared objects (and the
 * parent's control channel) runs Netty — Unix domain sockets on the native epoll transport on Linux, loopback
 * TCP elsewhere; a freshly started child speaks the same frames with plain JDK sockets, because booting Netty
 * would cost it 100–300 ms.
 */
public final class NettyIpcProvider implements IpcProvider {

    /** The name this backend is chosen by. */
    public static final String NAME = "netty";

    /** Creates the provider; used by {@link java.util.ServiceLoader}. */
    public NettyIpcProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Availability availability() {
        return Availability.ready();
    }

    @Override
    public IpcBackend create(IpcSettings settings) {
        return new NettyIpcBackend(settings);
    }
}
