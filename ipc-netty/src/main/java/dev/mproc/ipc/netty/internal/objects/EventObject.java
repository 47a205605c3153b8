package dev.mproc.ipc.netty.internal.objects;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** An event's flag and the requests waiting for it, at the owner. */
public final class EventObject implements ServerObject {

    /** Op: set the flag and wake every waiter. */
    public static final byte SET = 10;
    /** Op: clear the flag. */
    public static final byte CLEAR = 11;
    /** Op: read the flag; answers one byte. */
    public static final byte IS_SET = 12;
    /** Op: wait until set (argument: timeout); answers OK or TIMEOUT. */
    public static final byte WAIT = 13;

    private final ObjectServer server;
    private final List<Request> waiters = new ArrayList<>();
    private boolean flag;

    /**
     * @param server the owner's server, for timers
     */
    public EventObject(ObjectServer server) {
        this.server = server;
    }

    @Override
    public void handle(Request request, byte op, ByteBuffer args) {
        switch (op) {
            case SET -> {
                flag = true;
                for (Request w : waiters) {
                    w.ok();
                }
                waiters.clear();
                request.ok();
            }
            case CLEAR -> {
                flag = false;
                request.ok();
            }
            case IS_SET -> request.ok(new byte[] {(byte) (flag ? 1 : 0)});
            case WAIT -> {
                long nanos = args.getLong();
                if (flag) {
                    request.ok();
                } else if (nanos == 0) {
                    request.timeout();
                } else {
                    waiters.add(request);
                    server.park(request, nanos, () -> {
                        waiters.remove(request);
                        request.timeout();
                    });
                }
            }
            default -> request.fail(dev.mproc.ipc.netty.internal.Wire.ERR_PROTOCOL, "event has no op " + op);
        }
    }

    @Override
    public void cancel(Session session, long requestId) {
        for (Iterator<Request> it = waiters.iterator(); it.hasNext();) {
            Request w = it.next();
            if (w.session() == session && w.id() == requestId) {
                it.remove();
                w.cancelled();
            }
        }
    }

    @Override
    public void sessionClosed(Session session) {
        waiters.removeIf(w -> w.session() == session);
    }

    @Override
    public void dispose() {
        for (Request w : waiters) {
            w.fail(dev.mproc.ipc.netty.internal.Wire.ERR_NO_SUCH_OBJECT, "the event was disposed");
        }
        waiters.clear();
    }
}
