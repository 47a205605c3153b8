package dev.mproc.ipc.shm.internal;

import dev.mproc.Primitives;
import dev.mproc.ipc.netty.NettyIpcProvider;
import dev.mproc.spi.ControlServer;
import dev.mproc.spi.IpcBackend;
import dev.mproc.spi.IpcSettings;
import java.io.IOException;

/**
 * One context's shared-memory backend. The control channel to the children is the socket backend's, created
 * lazily like everything of it: a parent-child control connection carries a few messages per child, where shared
 * memory would gain nothing and cost a polling or futex protocol of its own. The shared objects are this
 * backend's ({@link ShmPrimitives}).
 */
public final class ShmIpcBackend implements IpcBackend {

    private final IpcBackend sockets;
    private final ShmPrimitives primitives;

    /**
     * @param settings the context's secret, codec and limits
     */
    public ShmIpcBackend(IpcSettings settings) {
        this.sockets = new NettyIpcProvider().create(settings);
        this.primitives = new ShmPrimitives(settings, sockets.primitives());
    }

    @Override
    public ControlServer controlServer() throws IOException {
        return sockets.controlServer();
    }

    @Override
    public String childConnectorClass() {
        return sockets.childConnectorClass();
    }

    @Override
    public Primitives primitives() {
        return primitives;
    }

    @Override
    public void close() {
        sockets.close();
    }
}
