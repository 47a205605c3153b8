package dev.mproc.ipc.netty.internal;

import dev.mproc.Primitives;
import dev.mproc.ipc.netty.internal.objects.ChannelSession;
import dev.mproc.ipc.netty.internal.objects.Clients;
import dev.mproc.ipc.netty.internal.objects.ObjectClient;
import dev.mproc.ipc.netty.internal.objects.ObjectServer;
import dev.mproc.spi.ControlServer;
import dev.mproc.spi.IpcBackend;
import dev.mproc.spi.IpcSettings;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * One context's netty backend: a single event-loop thread, started on first use, that serves the control
 * channel to the context's children ({@code ctl.sock}) and the shared objects the context created
 * ({@code obj.sock}), both in the context's private runtime directory.
 */
public final class NettyIpcBackend implements IpcBackend {

    private final IpcSettings settings;
    private final Transport transport = Transport.choose();
    private final NettyPrimitives primitives = new NettyPrimitives(this);
    private EventLoopGroup group;
    private NettyControlServer controlServer;
    private Listener objectListener;
    private ObjectServer objectServer;
    private ObjectClient localClient;
    private boolean closed;

    /**
     * @param settings the context's secret, codec and limits
     */
    public NettyIpcBackend(IpcSettings settings) {
        this.settings = settings;
    }

    private EventLoopGroup group() throws IOException {
        if (closed) {
            throw new IOException("the IPC backend is closed");
        }
        if (group == null) {
            group = transport.newGroup("mproc-netty");
        }
        return group;
    }

    @Override
    public synchronized ControlServer controlServer() throws IOException {
        if (controlServer == null) {
            controlServer = NettyControlServer.start(group(), transport, settings.runtimeDirectory(),
                    settings.maxFrameBytes(), settings.secret());
        }
        return controlServer;
    }

    /**
     * The object server of this context, started on first use, and this process's client of it.
     *
     * @return the owner's own client; its server is {@link #objectServer()}
     */
    synchronized ObjectClient localClient() {
        if (objectServer == null) {
            try {
                EventLoopGroup g = group();
                ObjectServer[] server = new ObjectServer[1];
                objectListener = Listener.bind(g, transport, settings.runtimeDirectory(), "obj.sock",
                        settings.maxFrameBytes(), () -> new AuthHandler(settings.secret(), new AuthHandler.Admission() {
                            @Override
                            public ChannelHandler admit(long pid) {
                                return new ChannelSession(server[0], pid);
                            }

                            @Override
                            public String refusal() {
                                return "refused";
                            }
                        }));
                server[0] = new ObjectServer(g.next(), objectListener.address());
                objectServer = server[0];
                localClient = Clients.registerLocal(objectServer);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the shared-object server: " + e.getMessage(), e);
            }
        }
        return localClient;
    }

    /** @return the object server; {@link #localClient()} must have been called */
    synchronized ObjectServer objectServer() {
        return objectServer;
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
        if (closed) {
            return;
        }
        closed = true;
        if (objectServer != null) {
            Clients.unregisterLocal(objectServer);
            objectServer.close();
            objectListener.close();
        }
        if (controlServer != null) {
            controlServer.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly();
        }
    }
}
