package dev.mproc.ipc.netty.internal;

import dev.mproc.Primitives;
import dev.mproc.spi.ControlServer;
import dev.mproc.spi.UnsupportedPrimitives;
import dev.mproc.spi.IpcBackend;
import dev.mproc.spi.IpcSettings;
import java.io.IOException;

/** One context's netty backend: a control server started on first use. */
public final class NettyIpcBackend implements IpcBackend {

    private final IpcSettings settings;
    private NettyControlServer server;
    private boolean closed;
    private final Primitives primitives = new UnsupportedPrimitives("netty");

    /**
     * @param settings the context's secret, codec and limits
     */
    public NettyIpcBackend(IpcSettings settings) {
        this.settings = settings;
    }

    @Override
    public synchronized ControlServer controlServer() throws IOException {
        if (closed) {
            throw new IOException("the IPC backend is closed");
        }
        if (server == null) {
            server = NettyControlServer.start(settings);
        }
        return server;
    }

    @Override
    public Primitives primitives() {
        return primitives;
    }

    @Override
    public String childConnectorClass() {
        return SocketChildConnector.class.getName();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
