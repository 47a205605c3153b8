package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.ipc.netty.internal.Wire;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A semaphore's permits at its owner, for {@link NettySemaphore} and {@link NettyBoundedSemaphore}.
 *
 * <p>Permits are only counted, except those taken through a hold: those are recorded per session (process), and
 * given back when that session ends, as "dead" permits; each dead permit is reported to the acquirer that receives
 * it. Dead permits are never more than the available permits, since a grant consumes one of each while any is
 * left. Acquirers wait in one FIFO queue.
 */
final class SemaphoreObject implements ServerObject {

    /** Op: take a permit (arguments: timeout, hold flag); answers OK with {@code [ownerDied]} or TIMEOUT. */
    static final byte ACQUIRE = 10;
    /** Op: add permits (arguments: count, hold flag); fails ILLEGAL_STATE beyond a bound. */
    static final byte RELEASE = 11;
    /** Op: the available permits; answers an int. */
    static final byte AVAILABLE = 12;

    private record Waiter(Request request, boolean hold) {
    }

    private final ObjectServer server;
    private final int bound;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private final Map<Session, Integer> borrowed = new HashMap<>();
    private int permits;
    private int deadPermits;

    /**
     * @param server the owner's server, for timers
     * @param permits the initial permits
     * @param bound the most permits it may hold, or -1 for no bound
     */
    SemaphoreObject(ObjectServer server, int permits, int bound) {
        this.server = server;
        this.permits = permits;
        this.bound = bound;
    }

    @Override
    public void handle(Request request, byte op, ByteBuffer args) {
        switch (op) {
            case ACQUIRE -> acquire(request, args.getLong(), args.get() != 0);
            case RELEASE -> release(request, args.getInt(), args.get() != 0);
            case AVAILABLE -> request.ok(ByteBuffer.allocate(4).putInt(permits).array());
            default -> request.fail(Wire.ERR_PROTOCOL, "semaphore has no op " + op);
        }
    }

    private void acquire(Request request, long nanos, boolean hold) {
        Waiter w = new Waiter(request, hold);
        if (permits > 0) {
            grant(w);
        } else if (nanos == 0) {
            request.timeout();
        } else {
            waiters.add(w);
            server.park(request, nanos, () -> {
                if (waiters.remove(w)) {
                    request.timeout();
                }
            });
        }
    }

    private void release(Request request, int n, boolean hold) {
        if (n < 1) {
            request.fail(Wire.ERR_ILLEGAL_ARGUMENT, "permits to release must be at least 1, not " + n);
            return;
        }
        long after = (long) permits + n;
        if (bound >= 0 && after > bound) {
            request.fail(Wire.ERR_ILLEGAL_STATE, "semaphore or lock released too many times: " + permits
                    + " permits available, " + n + " released, bound " + bound);
            return;
        }
        if (after > Integer.MAX_VALUE) {
            request.fail(Wire.ERR_ILLEGAL_STATE, "maximum permit count exceeded");
            return;
        }
        if (hold) {
            borrowed.computeIfPresent(request.session(), (s, b) -> b > 1 ? b - 1 : null);
        }
        permits = (int) after;
        grantWaiters();
        request.ok();
    }

    private void grant(Waiter w) {
        permits--;
        boolean died = deadPermits > 0;
        if (died) {
            deadPermits--;
        }
        if (w.hold) {
            borrowed.merge(w.request.session(), 1, Integer::sum);
        }
        w.request.ok(new byte[] {(byte) (died ? 1 : 0)});
    }

    private void grantWaiters() {
        while (permits > 0 && !waiters.isEmpty()) {
            Waiter w = waiters.poll();
            if (!w.request.answered() && w.request.session().isOpen()) {
                grant(w);
            }
        }
    }

    @Override
    public void cancel(Session session, long requestId) {
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext();) {
            Waiter w = it.next();
            if (w.request.session() == session && w.request.id() == requestId) {
                it.remove();
                w.request.cancelled();
                return;
            }
        }
    }

    @Override
    public void sessionClosed(Session session) {
        waiters.removeIf(w -> w.request.session() == session);
        Integer held = borrowed.remove(session);
        if (held != null) {
            int back = bound >= 0 ? Math.min(held, bound - permits) : (int) Math.min(held, (long) Integer.MAX_VALUE - permits);
            permits += back;
            deadPermits += back;
            grantWaiters();
        }
    }

    @Override
    public void dispose() {
        for (Waiter w : waiters) {
            w.request.fail(Wire.ERR_NO_SUCH_OBJECT, "the semaphore was disposed");
        }
        waiters.clear();
    }
}
