package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.MprocException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The items a process other than a queue's owner has leased from it and not yet handed out, shared by the
 * process's handles of that queue: a get fetches
 * up to {@link #want} items in one round trip ({@link QueueObject#GET_BATCH}), returns the first and keeps the
 * rest for the next gets. {@code want} starts at 1 and doubles while the owner reports more items stored after
 * the lease (the consumer is behind), up to {@link #MOST}; it halves when the queue was drained. A bounded queue
 * leases one item at a time, so its capacity still counts every item until a get returns it.
 *
 * <p>Leased items count as taken for every other process. So that none is lost and none is taken twice:
 * <ul>
 *   <li>the owner keeps every leased item until its taker {@linkplain QueueObject#ACK acknowledges} it, and a
 *   get acknowledges its item (an eager post, written before the get returns) before it returns it: if this
 *   process dies, the owner puts back at the head, in order, exactly the items no get returned;</li>
 *   <li>items nobody takes for {@link #IDLE_NANOS} ({@code mproc.queue.leaseIdleMillis}, 10 ms) go back to the
 *   head of the queue, so that a consumer that stops consuming does not hold items another consumer waits for;
 *   so do the items held when a handle is closed, and those left when the process exits normally (one round trip each,
 *   {@link QueueDelivery}).</li>
 * </ul>
 * The lock of this object guards the items; a give-back is written while it is held, so that a get that finds
 * the lease empty afterwards asks the owner only after the items are back there.
 */
final class QueueLease {

    /** The most items one lease asks for. */
    static final int MOST = 256;

    private static final long IDLE_NANOS =
            TimeUnit.MILLISECONDS.toNanos(Long.getLong("mproc.queue.leaseIdleMillis", 10));

    /** The lease of each queue this process takes from, shared by every handle of it here. */
    private static final Map<List<Object>, QueueLease> LEASES = new ConcurrentHashMap<>();

    /** Leases holding items, for the give-back at exit. */
    private static final Set<QueueLease> HOLDING = ConcurrentHashMap.newKeySet();

    private static volatile ScheduledExecutorService keeper;

    private final ObjectClient client;
    private final long objectId;
    /** The most items one lease asks for here: {@link #MOST}, or 1 for a bounded queue. */
    private final int most;
    private final ArrayDeque<byte[]> items = new ArrayDeque<>();
    /** The owner's token of each item in {@link #items}, or -1 where the owner kept no copy. */
    private final ArrayDeque<Long> tokens = new ArrayDeque<>();
    private int want = 1;
    private long lastTake;
    private boolean checkScheduled;

    /**
     * The lease of a queue in this process, shared by all its handles here: a handle deserialized twice (say,
     * captured by a task and sent again in an item) hands out the same items, so a get through one handle
     * finds what a get through the other leased.
     *
     * @param client the owner's client
     * @param objectId the queue
     * @param bounded whether the queue is bounded: then a lease is one item, so that an item a consumer has
     *     not taken never leaves the room it fills (a bounded queue counts an item until it is taken)
     * @return the lease
     */
    static QueueLease of(ObjectClient client, long objectId, boolean bounded) {
        return LEASES.computeIfAbsent(List.of(client, objectId), k -> new QueueLease(client, objectId, bounded));
    }

    private QueueLease(ObjectClient client, long objectId, boolean bounded) {
        this.client = client;
        this.objectId = objectId;
        this.most = bounded ? 1 : MOST;
    }

    /** @return the number of leased items not yet handed out */
    synchronized int held() {
        return items.size();
    }

    /**
     * Hands out the next leased item, acknowledged, if one is held.
     *
     * @return the encoded item, or {@code null}
     */
    byte[] next() {
        byte[] item;
        long token;
        synchronized (this) {
            item = items.pollFirst();
            if (item == null) {
                return null;
            }
            token = tokens.pollFirst();
            lastTake = System.nanoTime();
            if (items.isEmpty()) {
                HOLDING.remove(this);
            }
        }
        acknowledge(token);
        return item;
    }

    /**
     * Leases items from the owner: one round trip, waiting there up to the timeout for the first; keeps all but
     * the first. A thread interrupted while it waits gives back what was granted meanwhile.
     *
     * @param nanos the wire timeout
     * @return the first item, acknowledged, or {@code null} if the timeout elapsed first
     * @throws InterruptedException if interrupted while waiting; no item was taken
     */
    byte[] lease(long nanos) throws InterruptedException {
        int asked = want;
        long first = QueueCalls.tokens(asked);
        Response r = client.call(objectId, QueueObject.GET_BATCH, args(nanos, first, asked),
                granted -> giveBack(granted, first));
        return r.ok() ? keep(r.payload(), first) : null;
    }

    /**
     * Leases items if one is stored now; never parks, so waits without being interruptible.
     *
     * @return the first item, acknowledged, or {@code null} if the queue was empty
     */
    byte[] leaseNow() {
        int asked = want;
        long first = QueueCalls.tokens(asked);
        Response r = QueueCalls.withInterruptSetAside(
                () -> client.callQuick(objectId, QueueObject.GET_BATCH, args(0, first, asked)));
        return r.ok() ? keep(r.payload(), first) : null;
    }

    private static byte[] args(long nanos, long first, int most) {
        return ByteBuffer.allocate(20).putLong(nanos).putLong(first).putInt(most).array();
    }

    private byte[] keep(ByteBuffer p, long first) {
        boolean retained = p.get() == QueueObject.RETAINED;
        int stillStored = p.getInt();
        int count = p.getInt();
        byte[] firstItem = null;
        synchronized (this) {
            want = stillStored > 0 ? Math.min(most, want * 2) : Math.max(1, want / 2);
            for (int i = 0; i < count; i++) {
                byte[] item = new byte[p.getInt()];
                p.get(item);
                if (i == 0) {
                    firstItem = item;
                } else {
                    items.addLast(item);
                    tokens.addLast(retained ? first + i : -1);
                }
            }
            lastTake = System.nanoTime();
            if (!items.isEmpty()) {
                if (HOLDING.add(this)) {
                    QueueDelivery.holding();
                }
                scheduleCheck(IDLE_NANOS);
            }
        }
        acknowledge(retained ? first : -1);
        return firstItem;
    }

    private void acknowledge(long token) {
        if (token < 0) {
            return;
        }
        byte[] args = ByteBuffer.allocate(8).putLong(token).array();
        QueueCalls.withInterruptSetAside(() -> {
            client.postUnchecked(objectId, QueueObject.ACK, args);
            return null;
        });
    }

    /** Under the lock: makes sure an idle check runs after {@code nanos}. */
    private void scheduleCheck(long nanos) {
        if (!checkScheduled) {
            checkScheduled = true;
            keeper().schedule(this::idleCheck, nanos, TimeUnit.NANOSECONDS);
        }
    }

    private void idleCheck() {
        synchronized (this) {
            checkScheduled = false;
            if (items.isEmpty()) {
                return;
            }
            long idle = System.nanoTime() - lastTake;
            if (idle < IDLE_NANOS) {
                scheduleCheck(IDLE_NANOS - idle);
                return;
            }
            try {
                giveBackHeld(false);
            } catch (MprocException e) {
                // The owner is gone, and the queue with it.
            }
        }
    }

    /**
     * Gives every held item back to the head of the queue, in order.
     *
     * @param wait whether to wait until the owner has them back (a round trip), rather than post
     */
    synchronized void giveBackHeld(boolean wait) {
        if (items.isEmpty()) {
            return;
        }
        ByteBuffer retained = ByteBuffer.allocate(8 * tokens.size());
        // Items the owner kept no copy of travel back themselves, last first, each to the head.
        byte[][] handedOver = items.toArray(new byte[0][]);
        Long[] t = tokens.toArray(new Long[0]);
        items.clear();
        tokens.clear();
        HOLDING.remove(this);
        for (int i = handedOver.length - 1; i >= 0; i--) {
            if (t[i] < 0) {
                byte[] args = ByteBuffer.allocate(8 + handedOver[i].length).putLong(-1).put(handedOver[i]).array();
                QueueCalls.withInterruptSetAside(() -> {
                    client.post(objectId, QueueObject.UNGET, args);
                    return null;
                });
            }
        }
        for (Long token : t) {
            if (token >= 0) {
                retained.putLong(token);
            }
        }
        if (retained.position() == 0) {
            return;
        }
        byte[] args = java.util.Arrays.copyOf(retained.array(), retained.position());
        QueueCalls.withInterruptSetAside(() -> {
            if (wait) {
                client.callQuick(objectId, QueueObject.RETURN, args);
            } else {
                client.post(objectId, QueueObject.RETURN, args);
            }
            return null;
        });
    }

    /** Gives back a lease granted to a thread that was interrupted meanwhile, before anything of it was taken. */
    private void giveBack(Response granted, long first) {
        ByteBuffer p = granted.payload().duplicate();
        boolean retained = p.get() == QueueObject.RETAINED;
        p.getInt();
        int count = p.getInt();
        try {
            if (retained) {
                ByteBuffer args = ByteBuffer.allocate(8 * count);
                for (int i = 0; i < count; i++) {
                    args.putLong(first + i);
                }
                client.post(objectId, QueueObject.RETURN, args.array());
                return;
            }
            byte[][] got = new byte[count][];
            for (int i = 0; i < count; i++) {
                got[i] = new byte[p.getInt()];
                p.get(got[i]);
            }
            for (int i = count - 1; i >= 0; i--) {
                client.post(objectId, QueueObject.UNGET,
                        ByteBuffer.allocate(8 + got[i].length).putLong(-1).put(got[i]).array());
            }
        } catch (MprocException e) {
            // The owner is gone, and the queue with it: there is nowhere to give the items back to.
        }
    }

    /** At a normal exit: every lease gives its items back, waiting until the owner has them. */
    static void giveBackAll() {
        for (QueueLease lease : HOLDING) {
            try {
                lease.giveBackHeld(true);
            } catch (RuntimeException e) {
                // The owner is gone (or going): its queue goes with it.
            }
        }
    }

    private static ScheduledExecutorService keeper() {
        ScheduledExecutorService k = keeper;
        if (k == null) {
            synchronized (QueueLease.class) {
                k = keeper;
                if (k == null) {
                    ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
                        Thread t = new Thread(r, "mproc-queue-lease-keeper");
                        t.setDaemon(true);
                        return t;
                    });
                    e.setRemoveOnCancelPolicy(true);
                    keeper = k = e;
                }
            }
        }
        return k;
    }
}
