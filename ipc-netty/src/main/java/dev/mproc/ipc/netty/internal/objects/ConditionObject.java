package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.ipc.netty.internal.Wire;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * A condition's waiters at its owner, bound to a {@link LockObject} of the same owner.
 *
 * <p>A wait releases the lock fully, remembering the recursion count, and parks. A signal, the wait's timeout or a
 * cancellation (the waiting thread was interrupted) moves the waiter to the tail of the lock's queue; the wait is
 * answered, with how it ended, only once the waiter holds the lock again with its old count. Signals wake waiters
 * in the order they started waiting, which then take the lock in that order behind the acquirers already queued.
 */
final class ConditionObject implements ServerObject {

    /** Op: wait (argument: timeout); answers OK (signalled), TIMEOUT or CANCELLED, each with {@code [ownerDied]}. */
    static final byte WAIT = 10;
    /** Op: wake up to n waiters (argument: n). */
    static final byte SIGNAL = 11;
    /** Op: wake every waiter. */
    static final byte SIGNAL_ALL = 12;

    /** A waiting thread; once moved to the lock's queue, answered when it holds the lock again. */
    private static final class Waiter extends LockObject.Acquirer {
        private byte outcome = Wire.TIMEOUT;

        Waiter(Request request, int count) {
            super(request, count);
        }

        @Override
        boolean granted(boolean ownerDied) {
            request.reply(outcome, new byte[] {(byte) (ownerDied ? 1 : 0)});
            return true;
        }
    }

    private final ObjectServer server;
    private final LockObject lock;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

    /**
     * @param server the owner's server, for timers
     * @param lock the state of the condition's lock
     */
    ConditionObject(ObjectServer server, LockObject lock) {
        this.server = server;
        this.lock = lock;
    }

    @Override
    public void handle(Request request, byte op, ByteBuffer args) {
        if (op != WAIT && op != SIGNAL && op != SIGNAL_ALL) {
            request.fail(Wire.ERR_PROTOCOL, "condition has no op " + op);
            return;
        }
        if (!lock.heldBy(request.session(), request.threadId())) {
            request.fail(Wire.ERR_ILLEGAL_STATE, (op == WAIT ? "must acquire() condition before using wait()"
                    : "cannot notify on un-acquired lock") + ": the calling thread does not hold the condition's lock");
            return;
        }
        switch (op) {
            case WAIT -> await(request, args.getLong());
            case SIGNAL -> {
                int n = args.getInt();
                if (n < 0) {
                    request.fail(Wire.ERR_ILLEGAL_ARGUMENT, "cannot signal a negative number of waiters: " + n);
                    return;
                }
                signal(n);
                request.ok();
            }
            default -> {
                signal(Integer.MAX_VALUE);
                request.ok();
            }
        }
    }

    private void await(Request request, long nanos) {
        Waiter w = new Waiter(request, lock.releaseFully());
        if (nanos == 0) {
            lock.enqueue(w);
            return;
        }
        waiters.add(w);
        server.park(request, nanos, () -> {
            if (waiters.remove(w)) {
                w.outcome = Wire.TIMEOUT;
                lock.enqueue(w);
            }
        });
    }

    private void signal(int n) {
        for (int woken = 0; woken < n && !waiters.isEmpty();) {
            Waiter w = waiters.poll();
            // A waiter whose process died (and whose end the server has not processed yet) is not counted.
            if (w.request.session().isOpen() && !w.request.answered()) {
                w.outcome = Wire.OK;
                lock.enqueue(w);
                woken++;
            }
        }
    }

    @Override
    public void cancel(Session session, long requestId) {
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext();) {
            Waiter w = it.next();
            if (w.request.session() == session && w.request.id() == requestId) {
                it.remove();
                // The interrupted waiter is answered only with the lock held again, as the api promises.
                w.outcome = Wire.CANCELLED;
                lock.enqueue(w);
                return;
            }
        }
    }

    @Override
    public void sessionClosed(Session session) {
        waiters.removeIf(w -> w.request.session() == session);
    }

    @Override
    public void dispose() {
        for (Waiter w : waiters) {
            w.request.fail(Wire.ERR_NO_SUCH_OBJECT, "the condition was disposed");
        }
        waiters.clear();
    }
}
