package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.MprocException;
import dev.mproc.ipc.netty.internal.Wire;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One process's connection to one object server, shared by every proxy of that server's objects and every
 * thread. Requests are multiplexed by id; a reader (the socket's reader thread, or the owner's event loop for its
 * own server) completes them.
 */
public final class ObjectClient {

    private static final byte[] NO_ARGS = new byte[0];

    /** Sends a request frame to the server. */
    @FunctionalInterface
    public interface Link {
        /**
         * @param frame a request frame
         * @throws java.io.IOException if the connection is broken
         */
        void send(byte[] frame) throws java.io.IOException;
    }

    /** A request waiting for its response. */
    private static final class Pending {
        private Response response;

        synchronized void complete(Response r) {
            if (response == null) {
                response = r;
                notifyAll();
            }
        }

        synchronized Response await() throws InterruptedException {
            while (response == null) {
                wait();
            }
            return response;
        }

        synchronized Response awaitUninterruptibly() {
            boolean interrupted = false;
            while (response == null) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return response;
        }
    }

    private final String address;
    private final Link link;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Map<Long, Response> deferredFailures = new ConcurrentHashMap<>();
    private volatile String closedReason;

    /**
     * @param address the server's address, for messages
     * @param link how frames reach it
     */
    public ObjectClient(String address, Link link) {
        this.address = address;
        this.link = link;
    }

    /** @return the server's address */
    public String address() {
        return address;
    }

    /**
     * Sends a request and waits for its response. If the calling thread is interrupted while waiting, the request
     * is cancelled at the server; if the server had already granted it, {@code undo} receives the grant to give it
     * back, and the interruption is reported either way.
     *
     * @param objectId the target object
     * @param op the operation
     * @param args the arguments
     * @param undo gives back a grant that arrived after the caller was interrupted
     * @return the response (never FAILED: failures are thrown)
     * @throws InterruptedException if interrupted while waiting
     */
    public Response call(long objectId, byte op, byte[] args, Consumer<Response> undo) throws InterruptedException {
        throwDeferred(objectId);
        long id = ids.incrementAndGet();
        Pending p = new Pending();
        pending.put(id, p);
        send(Wire.request(id, objectId, op, (byte) 0, Thread.currentThread().getId(), args), id);
        try {
            return p.await().orThrow();
        } catch (InterruptedException e) {
            sendQuietly(Wire.request(ids.incrementAndGet(), objectId, Wire.OP_CANCEL, Wire.NO_REPLY,
                    Thread.currentThread().getId(), ByteBuffer.allocate(8).putLong(id).array()));
            Response late = p.awaitUninterruptibly();
            Thread.interrupted();
            if (late.ok() && undo != null) {
                undo.accept(late);
            }
            throw e;
        } finally {
            pending.remove(id);
        }
    }

    /**
     * Sends a request and waits for its response without being interruptible: for operations that never park.
     *
     * @param objectId the target object
     * @param op the operation
     * @param args the arguments
     * @return the response (never FAILED: failures are thrown)
     */
    public Response callQuick(long objectId, byte op, byte[] args) {
        throwDeferred(objectId);
        long id = ids.incrementAndGet();
        Pending p = new Pending();
        pending.put(id, p);
        try {
            send(Wire.request(id, objectId, op, (byte) 0, Thread.currentThread().getId(), args), id);
            return p.awaitUninterruptibly().orThrow();
        } finally {
            pending.remove(id);
        }
    }

    /**
     * @param objectId the target object
     * @param op the operation
     * @return the response of an operation without arguments that never parks
     */
    public Response callQuick(long objectId, byte op) {
        return callQuick(objectId, op, NO_ARGS);
    }

    /**
     * Sends a request without waiting for an answer; a failure surfaces at this object's next call.
     *
     * @param objectId the target object
     * @param op the operation
     * @param args the arguments
     */
    public void post(long objectId, byte op, byte[] args) {
        throwDeferred(objectId);
        send(Wire.request(-objectId, objectId, op, Wire.NO_REPLY, Thread.currentThread().getId(), args), 0);
    }

    private void send(byte[] frame, long id) {
        String closed = closedReason;
        if (closed != null) {
            pending.remove(id);
            throw new MprocException(closed);
        }
        try {
            link.send(frame);
        } catch (java.io.IOException e) {
            pending.remove(id);
            connectionLost("cannot reach the owner of the shared object at " + address + ": " + e.getMessage());
            throw new MprocException(closedReason, e);
        }
    }

    private void sendQuietly(byte[] frame) {
        try {
            link.send(frame);
        } catch (java.io.IOException e) {
            connectionLost("lost the connection to " + address + ": " + e.getMessage());
        }
    }

    private void throwDeferred(long objectId) {
        Response r = deferredFailures.remove(objectId);
        if (r != null) {
            r.orThrow();
        }
    }

    /**
     * Delivers a response frame; called by the reader.
     *
     * @param frame the response
     */
    public void onResponse(byte[] frame) {
        ByteBuffer b = ByteBuffer.wrap(frame);
        long id = b.getLong();
        byte status = b.get();
        Response r = new Response(status, b.slice());
        if (id < 0) {
            deferredFailures.put(-id, r);
            return;
        }
        Pending p = pending.get(id);
        if (p != null) {
            p.complete(r);
        }
    }

    /**
     * The connection is gone (the owner exited or died): every waiting call fails, and so does every later one.
     *
     * @param reason why, for messages
     */
    public void connectionLost(String reason) {
        if (closedReason == null) {
            closedReason = reason;
        }
        Response failure = new Response(Wire.FAILED, ByteBuffer.wrap(Wire.error(Wire.ERR_GONE, closedReason)));
        for (Pending p : pending.values()) {
            p.complete(failure);
        }
    }

    /** @return whether the connection is gone */
    public boolean isClosed() {
        return closedReason != null;
    }
}
