package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.ipc.netty.internal.Wire;
import java.util.concurrent.ScheduledFuture;

/**
 * One request as a server object sees it: who sent it, from which thread, and how to answer it exactly once.
 */
public final class Request {

    private static final byte[] EMPTY = new byte[0];

    private final Session session;
    private final long id;
    private final long threadId;
    private final boolean noReply;
    private boolean answered;
    private ScheduledFuture<?> timer;

    /**
     * @param session the sender
     * @param id the request id
     * @param threadId the sending thread
     * @param noReply whether the sender waits for no answer
     */
    public Request(Session session, long id, long threadId, boolean noReply) {
        this.session = session;
        this.id = id;
        this.threadId = threadId;
        this.noReply = noReply;
    }

    /** @return the sender */
    public Session session() {
        return session;
    }

    /** @return the request id */
    public long id() {
        return id;
    }

    /** @return the sending thread's id, which together with the session identifies a lock owner */
    public long threadId() {
        return threadId;
    }

    /** @return whether this request was already answered */
    public boolean answered() {
        return answered;
    }

    /**
     * Attaches the timer of a parked request, cancelled when it is answered.
     *
     * @param future the timer
     */
    public void timer(ScheduledFuture<?> future) {
        this.timer = future;
    }

    /** Answers OK without payload. */
    public void ok() {
        reply(Wire.OK, EMPTY);
    }

    /**
     * Answers OK.
     *
     * @param payload the payload
     */
    public void ok(byte[] payload) {
        reply(Wire.OK, payload);
    }

    /**
     * Answers with a status.
     *
     * @param status the status
     * @param payload the payload
     */
    public void reply(byte status, byte[] payload) {
        if (answered) {
            return;
        }
        answered = true;
        if (timer != null) {
            timer.cancel(false);
        }
        if (noReply && status == Wire.OK) {
            return;
        }
        if (session.isOpen()) {
            session.send(Wire.response(id, status, payload));
        }
    }

    /** Answers TIMEOUT. */
    public void timeout() {
        reply(Wire.TIMEOUT, EMPTY);
    }

    /** Answers CANCELLED. */
    public void cancelled() {
        reply(Wire.CANCELLED, EMPTY);
    }

    /**
     * Answers FAILED.
     *
     * @param kind the error kind ({@code Wire.ERR_*})
     * @param message what went wrong
     */
    public void fail(byte kind, String message) {
        reply(Wire.FAILED, Wire.error(kind, message));
    }

    @Override
    public String toString() {
        return "request " + id + " of session " + session.id() + " thread " + threadId;
    }
}
