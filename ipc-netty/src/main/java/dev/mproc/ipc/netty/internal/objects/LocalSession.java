package dev.mproc.ipc.netty.internal.objects;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * The owner process's own connection to its object server: request frames are dispatched on the event loop and
 * responses handed straight to the owner's client, without a socket.
 */
public final class LocalSession implements Session {

    private final ObjectServer server;
    private final long id;
    private final Consumer<byte[]> responses;
    private volatile boolean open = true;

    /**
     * @param server the server
     * @param responses receives every response frame, on the event loop
     */
    public LocalSession(ObjectServer server, Consumer<byte[]> responses) {
        this.server = server;
        this.id = server.loop().inEventLoop() ? server.newSessionId() : nextIdFromLoop(server);
        this.responses = responses;
    }

    private static long nextIdFromLoop(ObjectServer server) {
        try {
            return server.loop().submit(server::newSessionId).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Sends a request frame to the server, from any thread.
     *
     * @param frame the request
     */
    public void request(byte[] frame) {
        server.loop().execute(() -> server.dispatch(this, ByteBuffer.wrap(frame)));
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public long peerPid() {
        return ProcessHandle.current().pid();
    }

    @Override
    public void send(byte[] frame) {
        responses.accept(frame);
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Ends the session: the owner's objects forget its waiters and give back what it held. */
    public void close() {
        open = false;
        server.loop().execute(() -> server.sessionClosed(this));
    }
}
