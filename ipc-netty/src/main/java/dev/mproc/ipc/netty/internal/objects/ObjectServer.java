package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.ipc.netty.internal.Wire;
import io.netty.channel.EventLoop;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The objects one IPC backend instance owns, and the dispatch of requests to them. Everything here runs on one
 * event-loop thread: requests from every connection, timers, and the owner's own calls, so object state needs no
 * locks and each object sees its operations in one total order.
 */
public final class ObjectServer {

    private static final System.Logger LOG = System.getLogger("dev.mproc.ipc.netty.objects");

    private final EventLoop loop;
    private final String address;
    private final Map<Long, ServerObject> objects = new HashMap<>();
    private long nextId = 1;
    private long nextSession = 1;

    /**
     * @param loop the event loop all objects live on
     * @param address where remote clients reach this server
     */
    public ObjectServer(EventLoop loop, String address) {
        this.loop = loop;
        this.address = address;
    }

    /** @return where remote clients connect */
    public String address() {
        return address;
    }

    /**
     * Registers an object, from any thread.
     *
     * @param object the new object's state
     * @return its id
     */
    public long register(ServerObject object) {
        return onLoop(() -> registerOnLoop(object));
    }

    /**
     * Registers an object; only on the event loop (used by objects that create objects, such as a manager).
     *
     * @param object the new object's state
     * @return its id
     */
    public long registerOnLoop(ServerObject object) {
        long id = nextId++;
        objects.put(id, object);
        return id;
    }

    /**
     * Removes an object and fails its parked requests; only on the event loop.
     *
     * @param id the object
     */
    public void disposeOnLoop(long id) {
        ServerObject o = objects.remove(id);
        if (o != null) {
            o.dispose();
        }
    }

    /**
     * Runs an action on the event loop after a delay; only on the event loop.
     *
     * @param action what to run
     * @param nanos the delay
     * @return the timer
     */
    public ScheduledFuture<?> schedule(Runnable action, long nanos) {
        return loop.schedule(action, nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Parks a blocking request with a timeout: after {@code timeoutNanos} (unless answered before) the timeout
     * action runs. A negative timeout waits forever.
     *
     * @param request the parked request
     * @param timeoutNanos the timeout
     * @param onTimeout what to do then (typically: remove the waiter and answer TIMEOUT)
     */
    public void park(Request request, long timeoutNanos, Runnable onTimeout) {
        if (timeoutNanos >= 0) {
            request.timer(schedule(onTimeout, timeoutNanos));
        }
    }

    /** @return a new session number */
    long newSessionId() {
        return nextSession++;
    }

    /** @return the event loop */
    public EventLoop loop() {
        return loop;
    }

    /**
     * Dispatches one request frame; on the event loop.
     *
     * @param session who sent it
     * @param frame the request
     * @return {@code false} if the frame was malformed and the session must be closed
     */
    boolean dispatch(Session session, ByteBuffer frame) {
        if (frame.remaining() < Wire.REQUEST_HEADER) {
            LOG.log(System.Logger.Level.WARNING, "session {0}: malformed request of {1} bytes", session.id(),
                    frame.remaining());
            return false;
        }
        long requestId = frame.getLong();
        long objectId = frame.getLong();
        byte op = frame.get();
        byte flags = frame.get();
        long threadId = frame.getLong();
        ByteBuffer args = frame.slice();
        Request request = new Request(session, requestId, threadId, (flags & Wire.NO_REPLY) != 0);
        ServerObject target = objects.get(objectId);
        if (target == null) {
            request.fail(Wire.ERR_NO_SUCH_OBJECT, "no shared object " + objectId + " at " + address
                    + " (disposed, or its manager was shut down)");
            return true;
        }
        try {
            if (op == Wire.OP_CANCEL) {
                target.cancel(session, args.getLong());
            } else if (op == Wire.OP_DISPOSE) {
                disposeOnLoop(objectId);
                request.ok();
            } else {
                target.handle(request, op, args);
            }
        } catch (RuntimeException e) {
            // A malformed argument list (BufferUnderflowException and friends) harms only this request.
            request.fail(Wire.ERR_PROTOCOL, "malformed request for op " + op + ": " + e);
        }
        return true;
    }

    /**
     * Tells every object that a session ended; on the event loop.
     *
     * @param session the session
     */
    void sessionClosed(Session session) {
        for (ServerObject o : new ArrayList<>(objects.values())) {
            o.sessionClosed(session);
        }
    }

    /** Disposes every object, failing parked requests; from any thread. */
    public void close() {
        if (!loop.isShuttingDown()) {
            onLoop(() -> {
                List<Long> ids = new ArrayList<>(objects.keySet());
                for (long id : ids) {
                    disposeOnLoop(id);
                }
                return null;
            });
        }
    }

    private <T> T onLoop(Callable<T> action) {
        if (loop.inEventLoop()) {
            try {
                return action.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            return loop.submit(action).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the object server", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
