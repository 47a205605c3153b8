package dev.mproc.ipc.netty.internal.objects;

import java.nio.ByteBuffer;

/**
 * The state of one shared object at its owner, with the operations clients send it. Every method runs on the
 * owner's single event-loop thread, so implementations need no locking; a blocking operation parks the request
 * (keeping its {@link Request}) and answers it later, from another operation or a timer.
 */
public interface ServerObject {

    /**
     * Handles one request.
     *
     * @param request the request, to be answered now or later (unless it asked for no reply)
     * @param op the operation
     * @param args the arguments, positioned at their start
     */
    void handle(Request request, byte op, ByteBuffer args);

    /**
     * A pending request is to be given up: answer it with {@link dev.mproc.ipc.netty.internal.Wire#CANCELLED}
     * if it is still parked here; do nothing if it was already answered.
     *
     * @param session the session that sent it
     * @param requestId its id
     */
    default void cancel(Session session, long requestId) {
    }

    /**
     * A client connection ended (its process exited or died): forget its parked requests and give back what it
     * held (locks, permits), recording that the holder died.
     *
     * @param session the session that ended
     */
    default void sessionClosed(Session session) {
    }

    /** The object is being disposed: fail every parked request. */
    default void dispose() {
    }
}
