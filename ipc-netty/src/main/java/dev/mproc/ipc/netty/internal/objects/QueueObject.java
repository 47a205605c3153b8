package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.ipc.netty.internal.Wire;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The state of a queue at its owner: the encoded items, the requests parked for an item, for room or for
 * the end of every task. It serves {@link NettyQueue}, {@link NettyJoinableQueue} and {@link NettySimpleQueue};
 * items stay encoded here, since only their takers need to understand them.
 *
 * <p>Invariants, restored after every operation by {@link #balance()}: no getter is parked while an item is
 * stored, and no putter is parked while there is room. Parked requests are served first come, first served.
 * An item pushed back by an interrupted taker ({@link #UNGET}), or a leased item given back ({@link #RETURN}),
 * goes to the head and may take the count past the capacity for a moment; putters then wait until the count is
 * below it again. Items leased to a taker ({@link #GET_BATCH}) are not stored: they count as taken, and the
 * owner keeps a copy of each only to put it back if the taker's session ends before acknowledging it.
 *
 * <p>Requests arrive on the event loop; the owner's own proxies also take items directly
 * ({@link #takeDirect()}), without a hop through the loop. The state is therefore guarded by this object's lock.
 * A direct take never answers a request: where taking an item would admit a parked putter, it leaves the take
 * to the loop.
 */
public final class QueueObject implements ServerObject {

    /** Op: put an item (arguments: timeout, encoded item); answers OK, or TIMEOUT if still full. */
    public static final byte PUT = 10;
    /**
     * Op: take the head item (arguments: timeout, the taker's token for this take); answers TIMEOUT, or OK with
     * a byte telling whether the item is {@linkplain #RETAINED retained} until acknowledged, then the item.
     */
    public static final byte GET = 11;
    /**
     * Op: put a granted item back at the head, after its taker was interrupted (arguments: the take's token,
     * then the item itself if the owner did not retain it).
     */
    public static final byte UNGET = 12;
    /** Op: the number of stored items; answers 8 bytes. */
    public static final byte SIZE = 13;
    /** Op: one task of a joinable queue is done; fails ILLEGAL_STATE if none is unfinished. */
    public static final byte TASK_DONE = 14;
    /** Op: wait until no task of a joinable queue is unfinished (argument: timeout); answers OK or TIMEOUT. */
    public static final byte JOIN = 15;
    /** Op: the taker received the item of a retained take (argument: the take's token). */
    public static final byte ACK = 16;

    /**
     * Op: put the items of a batched frame ({@link ObjectClient#postBatched}; arguments: the encoded items, each
     * preceded by its 4-byte length), in order, as if each were an unbounded {@link #PUT}; unbounded queues only.
     */
    public static final byte PUT_BATCH = 17;
    /**
     * Op: lease up to a number of items from the head (arguments: timeout, the token of the first, the most
     * items wanted as 4 bytes); waits like {@link #GET} while none is stored, and grants at least one. Answers
     * TIMEOUT, or OK with the byte of a GET's answer, the number of items still stored (4 bytes), the number of
     * items granted (4 bytes), then each item preceded by its 4-byte length; the i-th item's token is the first
     * token plus i. Each is {@linkplain #ACK acknowledged} when its taker takes it, or {@linkplain #RETURN given
     * back}.
     */
    public static final byte GET_BATCH = 18;
    /**
     * Op: put retained leased items back at the head, in the order given (arguments: their tokens, 8 bytes each,
     * in the order they were granted); a token the owner no longer keeps is skipped.
     */
    public static final byte RETURN = 19;

    /** The most bytes of items one {@link #GET_BATCH} answer carries beyond its first item. */
    private static final int LEASE_BYTES = 256 << 10;

    /** First byte of a GET's answer: the owner keeps a copy until the taker acknowledges it. */
    public static final byte RETAINED = 1;
    /** First byte of a GET's answer: the owner keeps no copy (the taker is the owner itself). */
    public static final byte HANDED_OVER = 0;

    /** A put waiting for room, holding its item until then. */
    private record ParkedPut(Request request, byte[] item) {
    }

    /** A get waiting for an item, with the taker's token for the take, and the most items it leases. */
    private record ParkedGet(Request request, long token, int most) {
    }

    private final ObjectServer server;
    private final int capacity;
    private final boolean joinable;
    private final Deque<byte[]> items = new ArrayDeque<>();
    /** The number of stored items, readable without the lock. */
    private volatile int stored;
    private final Deque<ParkedGet> getters = new ArrayDeque<>();
    /** Per remote taker, the items granted and not yet acknowledged, by token, in the order granted. */
    private final Map<Session, LinkedHashMap<Long, byte[]>> unacknowledged = new HashMap<>();
    private final Deque<ParkedPut> putters = new ArrayDeque<>();
    private final Deque<Request> joiners = new ArrayDeque<>();
    private long unfinished;

    /**
     * @param server the owner's server, for timers
     * @param capacity the most items a put may add to; {@link Integer#MAX_VALUE} for unbounded
     * @param joinable whether puts and {@link #TASK_DONE} count unfinished tasks
     */
    public QueueObject(ObjectServer server, int capacity, boolean joinable) {
        this.server = server;
        this.capacity = capacity;
        this.joinable = joinable;
    }

    @Override
    public void handle(Request request, byte op, ByteBuffer args) {
        if (op == PUT_BATCH) {
            // Copied out before taking the lock, so that an owner's taker waits only for the stores themselves.
            List<byte[]> batch = batch(request, args);
            if (batch != null) {
                synchronized (this) {
                    putBatch(request, batch);
                    stored = items.size();
                }
            }
            return;
        }
        synchronized (this) {
            handleLocked(request, op, args);
        }
    }

    private void handleLocked(Request request, byte op, ByteBuffer args) {
        try {
            switch (op) {
                case PUT -> put(request, args.getLong(), remaining(args));
                case GET -> get(request, args.getLong(), args.getLong(), 0);
                case GET_BATCH -> get(request, args.getLong(), args.getLong(), Math.max(1, args.getInt()));
                case RETURN -> {
                    for (int i = args.limit() - 8; i >= args.position(); i -= 8) {
                        byte[] kept = forget(request.session(), args.getLong(i));
                        if (kept != null) {
                            items.addFirst(kept);
                        }
                    }
                    balance();
                    request.ok();
                }
                case UNGET -> {
                    byte[] kept = forget(request.session(), args.getLong());
                    items.addFirst(kept != null ? kept : remaining(args));
                    balance();
                    request.ok();
                }
                case ACK -> {
                    forget(request.session(), args.getLong());
                    request.ok();
                }
                case SIZE -> request.ok(ByteBuffer.allocate(8).putLong(items.size()).array());
                case TASK_DONE -> taskDone(request);
                case JOIN -> join(request, args.getLong());
                default -> request.fail(Wire.ERR_PROTOCOL, "queue has no op " + op);
            }
        } finally {
            stored = items.size();
        }
    }

    /**
     * Takes the head item for a thread of the owner, if that needs no answer to anybody: an item is stored and
     * no putter waits for the room it frees. Invariant: while an item is stored no getter is parked, so this
     * overtakes nobody.
     *
     * @return the encoded item, or {@code null} if the take must go through the event loop
     */
    synchronized byte[] takeDirect() {
        if (items.isEmpty() || !putters.isEmpty()) {
            return null;
        }
        byte[] item = items.pollFirst();
        stored = items.size();
        return item;
    }

    /** @return whether a direct take might find an item now; read without the lock by a spinning owner's thread */
    boolean mayHaveItems() {
        return stored > 0;
    }

    private static byte[] remaining(ByteBuffer args) {
        byte[] item = new byte[args.remaining()];
        args.get(item);
        return item;
    }

    private void put(Request request, long nanos, byte[] item) {
        if (putters.isEmpty() && items.size() < capacity) {
            store(item);
            request.ok();
            balance();
        } else if (nanos == 0) {
            request.timeout();
        } else {
            ParkedPut parked = new ParkedPut(request, item);
            putters.addLast(parked);
            server.park(request, nanos, () -> {
                synchronized (this) {
                    putters.remove(parked);
                    request.timeout();
                }
            });
        }
    }

    /**
     * The items of a batched put. Only unbounded queues receive batches (a bounded put waits for room), so every
     * item will be admitted.
     *
     * @return the items, or {@code null} if the request failed as malformed
     */
    private List<byte[]> batch(Request request, ByteBuffer args) {
        if (capacity != Integer.MAX_VALUE) {
            request.fail(Wire.ERR_PROTOCOL, "a batched put on a bounded queue");
            return null;
        }
        List<byte[]> batch = new ArrayList<>();
        while (args.remaining() >= 4) {
            int length = args.getInt();
            if (length < 0 || length > args.remaining()) {
                request.fail(Wire.ERR_PROTOCOL, "a batched put with a truncated item");
                return null;
            }
            byte[] item = new byte[length];
            args.get(item);
            batch.add(item);
        }
        if (args.hasRemaining()) {
            request.fail(Wire.ERR_PROTOCOL, "a batched put with a truncated item");
            return null;
        }
        return batch;
    }

    private void putBatch(Request request, List<byte[]> batch) {
        for (byte[] item : batch) {
            store(item);
        }
        request.ok();
        balance();
    }

    /** A take of one item ({@code most} 0: a {@link #GET}), or a lease of up to {@code most} items. */
    private void get(Request request, long nanos, long token, int most) {
        if (!items.isEmpty()) {
            grant(request, token, most, 0);
            balance();
        } else if (nanos == 0) {
            request.timeout();
        } else {
            ParkedGet parked = new ParkedGet(request, token, most);
            getters.addLast(parked);
            server.park(request, nanos, () -> {
                synchronized (this) {
                    getters.remove(parked);
                    request.timeout();
                }
            });
        }
    }

    /**
     * Answers a get with an item. A remote taker's process may die with the answer still in flight (the owner
     * learns of a death only when it reads the end of the connection), so the owner keeps the item until the
     * taker acknowledges it, and puts it back at the head if the taker's session ends first. The owner's own
     * takes need no such care: if the owner dies, so does the queue.
     */
    private void grant(Request request, long token, int most, int leaveFor) {
        boolean retain = !(request.session() instanceof LocalSession);
        LinkedHashMap<Long, byte[]> kept = retain
                ? unacknowledged.computeIfAbsent(request.session(), s -> new LinkedHashMap<>()) : null;
        if (most == 0) {
            byte[] item = items.pollFirst();
            if (retain) {
                kept.put(token, item);
            }
            byte[] answer = new byte[1 + item.length];
            answer[0] = retain ? RETAINED : HANDED_OVER;
            System.arraycopy(item, 0, answer, 1, item.length);
            request.ok(answer);
            return;
        }
        // A lease: at least one item, more while more are stored, leaving one for each getter parked behind.
        int count = 0;
        int bytes = 0;
        List<byte[]> granted = new ArrayList<>();
        while (!items.isEmpty() && count < most && (count == 0
                || (items.size() > leaveFor && bytes + items.peekFirst().length <= LEASE_BYTES))) {
            byte[] item = items.pollFirst();
            if (retain) {
                kept.put(token + count, item);
            }
            granted.add(item);
            bytes += 4 + item.length;
            count++;
        }
        ByteBuffer answer = ByteBuffer.allocate(1 + 4 + 4 + bytes)
                .put(retain ? RETAINED : HANDED_OVER).putInt(items.size()).putInt(count);
        for (byte[] item : granted) {
            answer.putInt(item.length).put(item);
        }
        request.ok(answer.array());
    }

    private byte[] forget(Session session, long token) {
        Map<Long, byte[]> granted = unacknowledged.get(session);
        if (granted == null) {
            return null;
        }
        byte[] item = granted.remove(token);
        if (granted.isEmpty()) {
            unacknowledged.remove(session);
        }
        return item;
    }

    private void taskDone(Request request) {
        if (!joinable) {
            request.fail(Wire.ERR_PROTOCOL, "taskDone on a queue that is not joinable");
        } else if (unfinished == 0) {
            request.fail(Wire.ERR_ILLEGAL_STATE, "taskDone() called too many times");
        } else {
            unfinished--;
            if (unfinished == 0) {
                for (Request j : joiners) {
                    j.ok();
                }
                joiners.clear();
            }
            request.ok();
        }
    }

    private void join(Request request, long nanos) {
        if (unfinished == 0) {
            request.ok();
        } else if (nanos == 0) {
            request.timeout();
        } else {
            joiners.addLast(request);
            server.park(request, nanos, () -> {
                joiners.remove(request);
                request.timeout();
            });
        }
    }

    private void store(byte[] item) {
        items.addLast(item);
        if (joinable) {
            unfinished++;
        }
    }

    /**
     * Hands stored items to parked getters and admits parked putters while there is room. A parked request
     * whose connection has already closed (its process died, and the server has not yet been told) is dropped
     * rather than served: an answer to it would be lost, and with it an item.
     */
    private void balance() {
        while (true) {
            if (!items.isEmpty() && !getters.isEmpty()) {
                ParkedGet g = getters.pollFirst();
                if (g.request().session().isOpen()) {
                    grant(g.request(), g.token(), g.most(), getters.size());
                }
            } else if (!putters.isEmpty() && items.size() < capacity) {
                ParkedPut p = putters.pollFirst();
                if (p.request().session().isOpen()) {
                    store(p.item());
                    p.request().ok();
                }
            } else {
                return;
            }
        }
    }

    @Override
    public synchronized void cancel(Session session, long requestId) {
        Predicate<Request> target = r -> r.session() == session && r.id() == requestId;
        cancelIf(getters, ParkedGet::request, target);
        cancelIf(putters, ParkedPut::request, target);
        cancelIf(joiners, r -> r, target);
    }

    /**
     * A dead process's parked gets must not receive items, its parked puts were never accepted, and the items
     * it was granted but never acknowledged go back to the head, in the order they were granted.
     */
    @Override
    public synchronized void sessionClosed(Session session) {
        // Answering the parked requests sends nothing (the session is closed) but stops their timers.
        Predicate<Request> target = r -> r.session() == session;
        cancelIf(getters, ParkedGet::request, target);
        cancelIf(putters, ParkedPut::request, target);
        cancelIf(joiners, r -> r, target);
        LinkedHashMap<Long, byte[]> granted = unacknowledged.remove(session);
        if (granted != null) {
            List<byte[]> back = new ArrayList<>(granted.values());
            for (int i = back.size() - 1; i >= 0; i--) {
                items.addFirst(back.get(i));
            }
            balance();
        }
        stored = items.size();
    }

    private static <T> void cancelIf(Deque<T> parked, Function<T, Request> request, Predicate<Request> target) {
        for (Iterator<T> it = parked.iterator(); it.hasNext();) {
            Request r = request.apply(it.next());
            if (target.test(r)) {
                it.remove();
                r.cancelled();
            }
        }
    }

    @Override
    public synchronized void dispose() {
        String message = "the queue was disposed";
        for (ParkedGet g : getters) {
            g.request().fail(Wire.ERR_NO_SUCH_OBJECT, message);
        }
        for (Request r : joiners) {
            r.fail(Wire.ERR_NO_SUCH_OBJECT, message);
        }
        for (ParkedPut p : putters) {
            p.request().fail(Wire.ERR_NO_SUCH_OBJECT, message);
        }
        getters.clear();
        joiners.clear();
        putters.clear();
        items.clear();
        stored = 0;
        unacknowledged.clear();
    }
}
