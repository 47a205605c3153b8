package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.MprocException;
import dev.mproc.internal.ProcessRuntime;
import dev.mproc.ipc.netty.internal.SocketChildConnector;
import dev.mproc.ipc.netty.internal.SocketControlLink;
import dev.mproc.spi.ControlLink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This process's connections to object servers, one per server address, made on first use. A server in this very
 * process is reached without a socket. Remote connections authenticate with the process tree's secret and use
 * plain JDK sockets, so that a child using its parent's objects never boots Netty; their callers read their own
 * responses (see {@link ObjectClient}), so no thread of this process sits on the way of a round trip.
 */
public final class Clients {

    private static final int MAX_FRAME_BYTES = Integer.getInteger("mproc.maxFrameBytes", 256 << 20);
    private static final Map<String, ObjectServer> LOCAL = new ConcurrentHashMap<>();
    private static final Map<String, ObjectClient> CLIENTS = new ConcurrentHashMap<>();

    private Clients() {
    }

    /**
     * Makes a server in this process reachable without a socket.
     *
     * @param server the server
     * @return the owner's own client of it
     */
    public static ObjectClient registerLocal(ObjectServer server) {
        LOCAL.put(server.address(), server);
        LocalSession[] session = new LocalSession[1];
        ObjectClient[] client = new ObjectClient[1];
        client[0] = new ObjectClient(server.address(), frame -> session[0].request(frame));
        session[0] = new LocalSession(server, frame -> client[0].onResponse(frame));
        CLIENTS.put(server.address(), client[0]);
        return client[0];
    }

    /**
     * Forgets a local server that is closing; its objects become unreachable.
     *
     * @param server the server
     */
    public static void unregisterLocal(ObjectServer server) {
        LOCAL.remove(server.address(), server);
        ObjectClient c = CLIENTS.remove(server.address());
        if (c != null) {
            c.connectionLost("the shared objects at " + server.address() + " were closed with their context");
        }
    }

    /**
     * The client for a server address, connecting on first use.
     *
     * @param address the object server's address
     * @return the client
     * @throws MprocException if the owner cannot be reached (it exited, or the address is not ours)
     */
    public static ObjectClient forAddress(String address) {
        ObjectClient c = CLIENTS.get(address);
        if (c != null && !c.isClosed()) {
            return c;
        }
        synchronized (Clients.class) {
            c = CLIENTS.get(address);
            if (c != null && (!c.isClosed() || LOCAL.containsKey(address))) {
                return c;
            }
            if (c != null) {
                return c; // the owner is gone; keep the closed client so calls fail with its reason
            }
            c = connect(address);
            CLIENTS.put(address, c);
            return c;
        }
    }

    private static ObjectClient connect(String address) {
        ProcessRuntime runtime = ProcessRuntime.current();
        ControlLink link;
        try {
            link = new SocketChildConnector().connect(address, runtime.self().pid(), runtime.authkey(),
                    Duration.ofSeconds(30), MAX_FRAME_BYTES);
        } catch (IOException e) {
            throw new MprocException("cannot reach the owner of a shared object at " + address
                    + " (it has exited, or it belongs to another process tree): " + e.getMessage(), e);
        }
        SocketControlLink socket = (SocketControlLink) link;
        return new ObjectClient(address, new ObjectClient.Remote() {
            @Override
            public void writeFramed(ByteBuffer frames) throws IOException {
                socket.writeFramed(frames);
            }

            @Override
            public byte[] receive(boolean stopOnInterrupt, long spinNanos, long waitNanos) throws IOException {
                return socket.receive(stopOnInterrupt, spinNanos, waitNanos);
            }

            @Override
            public byte[] receiveNow() throws IOException {
                return socket.receiveNow();
            }
        });
    }
}
