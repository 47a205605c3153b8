package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.ipc.netty.internal.Wire;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * A lock's state at its owner, for {@link NettyLock} and, reentrant, {@link NettyRLock}.
 *
 * <p>The holder is a (session, thread) pair: the process connection and the thread that acquired the lock. A plain
 * lock may be released by anybody, yet remembers who acquired it, so that a {@link ConditionObject} can check that
 * its caller holds it and so that the lock is recovered when the acquirer's process dies. Acquirers wait in one
 * FIFO queue; besides plain acquisitions the queue holds condition waiters re-acquiring after a wait and the
 * operations of a shared value guarded by this lock ({@link ValueObject}, {@link ArrayObject}), which hold it only
 * for the duration of the operation.
 *
 * <p>Invariant, after every event-loop step: a free lock has no queued acquirer.
 */
final class LockObject implements ServerObject {

    /** Op: acquire (argument: timeout); answers OK with {@code [ownerDied, reentered]} or TIMEOUT. */
    static final byte ACQUIRE = 10;
    /** Op: release once; fails ILLEGAL_STATE if unheld, or, reentrant, not held by the caller. */
    static final byte RELEASE = 11;
    /** Op: is the lock held; answers one byte. */
    static final byte IS_LOCKED = 12;
    /** Op: the caller's recursion count; answers an int. */
    static final byte HOLD_COUNT = 13;

    /** Locks by handle, so that a condition or a shared value created by the same owner can find their state. */
    private static final Map<Ref, LockObject> LOCAL = new ConcurrentHashMap<>();

    /**
     * A party waiting in the lock's queue. It becomes the holder, with its recursion count, when it reaches the head
     * of the queue and the lock is free.
     */
    abstract static class Acquirer {
        final Request request;
        final int count;

        /**
         * @param request the request that waits; its session and thread become the holder
         * @param count the recursion count to hold the lock with
         */
        Acquirer(Request request, int count) {
            this.request = request;
            this.count = count;
        }

        /**
         * The lock is now this acquirer's.
         *
         * @param ownerDied whether the previous holder's process died holding it
         * @return {@code true} to keep the lock, {@code false} if the acquirer is done with it already
         */
        abstract boolean granted(boolean ownerDied);
    }

    /** A client's acquisition, answered once granted. */
    private static final class Plain extends Acquirer {
        Plain(Request request) {
            super(request, 1);
        }

        @Override
        boolean granted(boolean ownerDied) {
            request.ok(new byte[] {(byte) (ownerDied ? 1 : 0), 0});
            return true;
        }
    }

    private final ObjectServer server;
    private final boolean reentrant;
    private final ArrayDeque<Acquirer> acquirers = new ArrayDeque<>();
    private volatile Ref ref;
    private Session holder;
    private long holderThread;
    private int count;
    /** The lock was taken back from a dead process, and no acquirer has been told yet. */
    private boolean ownerDied;

    /**
     * @param server the owner's server, for timers
     * @param reentrant whether the holder may acquire again (an RLock)
     */
    LockObject(ObjectServer server, boolean reentrant) {
        this.server = server;
        this.reentrant = reentrant;
    }

    /**
     * Creates a lock owned by this process and records its state for {@link #local(Ref)}.
     *
     * @param factory registers the state
     * @param reentrant whether it is an RLock
     * @param proxy builds the proxy
     * @param <T> the proxy type
     * @return the proxy
     */
    static <T> T create(ObjectFactory factory, boolean reentrant, BiFunction<Ref, ObjectClient, T> proxy) {
        LockObject[] state = new LockObject[1];
        return factory.create(server -> state[0] = new LockObject(server, reentrant), (ref, client) -> {
            state[0].ref = ref;
            LOCAL.put(ref, state[0]);
            return proxy.apply(ref, client);
        });
    }

    /**
     * @param ref a lock's handle
     * @return the state of that lock if this process owns it and it is alive, else {@code null}
     */
    static LockObject local(Ref ref) {
        return LOCAL.get(ref);
    }

    @Override
    public void handle(Request request, byte op, ByteBuffer args) {
        switch (op) {
            case ACQUIRE -> acquire(request, args.getLong());
            case RELEASE -> release(request);
            case IS_LOCKED -> request.ok(new byte[] {(byte) (holder != null ? 1 : 0)});
            case HOLD_COUNT -> request.ok(ByteBuffer.allocate(4)
                    .putInt(heldBy(request.session(), request.threadId()) ? count : 0).array());
            default -> request.fail(Wire.ERR_PROTOCOL, "lock has no op " + op);
        }
    }

    private void acquire(Request request, long nanos) {
        if (reentrant && heldBy(request.session(), request.threadId())) {
            if (count == Integer.MAX_VALUE) {
                request.fail(Wire.ERR_ILLEGAL_STATE, "maximum lock count exceeded");
                return;
            }
            count++;
            request.ok(new byte[] {0, 1});
            return;
        }
        Plain a = new Plain(request);
        if (holder == null) {
            enqueue(a);
        } else if (nanos == 0) {
            request.timeout();
        } else {
            acquirers.add(a);
            server.park(request, nanos, () -> {
                if (acquirers.remove(a)) {
                    request.timeout();
                }
            });
        }
    }

    private void release(Request request) {
        if (holder == null) {
            request.fail(Wire.ERR_ILLEGAL_STATE, "semaphore or lock released too many times: the lock is not held");
            return;
        }
        if (reentrant && !heldBy(request.session(), request.threadId())) {
            request.fail(Wire.ERR_ILLEGAL_STATE, "attempt to release recursive lock not owned by thread");
            return;
        }
        if (reentrant && count > 1) {
            count--;
        } else {
            free();
        }
        request.ok();
    }

    /**
     * @param session a client connection
     * @param thread a thread of its process
     * @return whether that thread holds the lock (for a plain lock: acquired it, and nobody released it since)
     */
    boolean heldBy(Session session, long thread) {
        return holder == session && holderThread == thread;
    }

    /**
     * @param session a client connection
     * @param thread a thread of its process
     * @return whether an operation of that thread may run now as if it held the lock: the lock is free or theirs
     */
    boolean availableTo(Session session, long thread) {
        return holder == null || heldBy(session, thread);
    }

    /**
     * Releases the lock whatever its recursion count (a condition wait); the caller checked it holds it.
     *
     * @return the recursion count it had, to restore on re-acquisition
     */
    int releaseFully() {
        int held = count;
        free();
        return held;
    }

    /**
     * Queues an acquirer behind the others, granting at once if the lock is free.
     *
     * @param a the acquirer
     */
    void enqueue(Acquirer a) {
        acquirers.add(a);
        grantNext();
    }

    /**
     * Runs an operation of a value guarded by this lock as if the caller held the lock for its duration: at once if
     * the lock is free or the caller's, else once the caller's turn in the queue comes.
     *
     * @param request the operation's request, which the operation answers
     * @param args its arguments, valid only during this call (the frame's buffer is reused)
     * @param operation the operation
     */
    void guard(Request request, ByteBuffer args, Consumer<ByteBuffer> operation) {
        if (availableTo(request.session(), request.threadId())) {
            operation.accept(args);
            return;
        }
        ByteBuffer copy = ByteBuffer.allocate(args.remaining()).put(args).flip();
        enqueue(new Acquirer(request, 1) {
            @Override
            boolean granted(boolean ownerDied) {
                try {
                    operation.accept(copy);
                } catch (RuntimeException e) {
                    // Out of the dispatcher's reach here; a malformed argument list must not leave the lock taken.
                    request.fail(Wire.ERR_PROTOCOL, "malformed request: " + e);
                }
                return false;
            }
        });
    }

    private void free() {
        holder = null;
        count = 0;
        grantNext();
    }

    private void grantNext() {
        // A loop, not recursion: an acquirer that is done at once (a value operation) frees the lock for the next.
        while (holder == null && !acquirers.isEmpty()) {
            Acquirer a = acquirers.poll();
            if (a.request.answered() || !a.request.session().isOpen()) {
                continue;
            }
            holder = a.request.session();
            holderThread = a.request.threadId();
            count = a.count;
            boolean died = ownerDied;
            ownerDied = false;
            if (!a.granted(died)) {
                holder = null;
                count = 0;
                // A transient hold by a value operation is nobody's acquisition: the next real acquirer learns it.
                ownerDied = died;
            }
        }
    }

    @Override
    public void cancel(Session session, long requestId) {
        for (Iterator<Acquirer> it = acquirers.iterator(); it.hasNext();) {
            Acquirer a = it.next();
            if (a instanceof Plain && a.request.session() == session && a.request.id() == requestId) {
                it.remove();
                a.request.cancelled();
                return;
            }
        }
    }

    @Override
    public void sessionClosed(Session session) {
        acquirers.removeIf(a -> a.request.session() == session);
        if (holder == session) {
            ownerDied = true;
            free();
        }
    }

    @Override
    public void dispose() {
        Ref r = ref;
        if (r != null) {
            LOCAL.remove(r, this);
        }
        for (Acquirer a : acquirers) {
            a.request.fail(Wire.ERR_NO_SUCH_OBJECT, "the lock was disposed");
        }
        acquirers.clear();
    }
}
