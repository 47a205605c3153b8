package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.MprocException;
import dev.mproc.internal.codec.DefaultCodec;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** What the queue proxies share: the encoding of items and the calls every kind of queue makes. */
final class QueueCalls {

    private static final DefaultCodec CODEC = DefaultCodec.standard();
    /** Names each take of this process, so that its acknowledgement or give-back refers to it. */
    private static final AtomicLong TOKENS = new AtomicLong();

    /** How long an owner's take spins for an item before it parks at the event loop; 0 on one processor. */
    private static final long SPIN_NANOS = Runtime.getRuntime().availableProcessors() > 1
            ? Long.getLong("mproc.queue.spinNanos", 20_000) : 0;

    private QueueCalls() {
    }

    /**
     * @param n how many tokens
     * @return the first of {@code n} consecutive new tokens of this process
     */
    static long tokens(int n) {
        return TOKENS.getAndAdd(n) + 1;
    }

    /**
     * An owner's take, from the state directly: no hop through the event loop while items are stored. When none
     * is, spins briefly if {@code spin} (a producer in another process often delivers within microseconds, sooner
     * than a parked thread is woken).
     *
     * @param state the queue's state at this owner
     * @param spin whether to spin for an item
     * @return the decoded item, or {@code null} if the take must go through the event loop
     * @throws dev.mproc.CodecException if the item cannot be decoded here; it is taken all the same
     */
    static Object takeOwned(QueueObject state, boolean spin) {
        byte[] item = state.mayHaveItems() ? state.takeDirect() : null;
        if (item == null && spin && SPIN_NANOS > 0) {
            long start = System.nanoTime();
            while (item == null && System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
                if (state.mayHaveItems()) {
                    item = state.takeDirect();
                }
            }
        }
        return item == null ? null : CODEC.decode(item, 0, item.length);
    }

    /**
     * @param waitedNanos how long an owner's last take through the event loop waited
     * @return whether spinning would likely have caught its item
     */
    static boolean spinPays(long waitedNanos) {
        return waitedNanos < 4 * SPIN_NANOS;
    }

    /**
     * @param item an encoded item
     * @return the item
     * @throws dev.mproc.CodecException if it cannot be decoded here
     */
    static Object decode(byte[] item) {
        return CODEC.decode(item, 0, item.length);
    }

    /**
     * Encodes an item in the caller, so that an item that cannot be encoded fails there, before anything is put.
     *
     * @param item the item, not null
     * @return its encoding
     */
    static byte[] encode(Object item) {
        return CODEC.encode(item);
    }

    /**
     * Takes an item: one round trip, waiting at the owner up to the timeout. A thread interrupted while it
     * waits gives back an item granted meanwhile.
     *
     * @param client the owner's client
     * @param objectId the queue
     * @param nanos the wire timeout
     * @return the item, or {@code null} if the timeout elapsed first
     * @throws InterruptedException if interrupted while waiting; no item was taken
     * @throws dev.mproc.CodecException if the item cannot be decoded here; it is taken all the same
     */
    static Object take(ObjectClient client, long objectId, long nanos) throws InterruptedException {
        long token = TOKENS.incrementAndGet();
        return received(client, objectId, token, client.call(objectId, QueueObject.GET, getArgs(nanos, token),
                granted -> giveBack(client, objectId, token, granted)));
    }

    /**
     * Takes an item if one is stored now; never parks, so waits for the answer without being interruptible.
     *
     * @param client the owner's client
     * @param objectId the queue
     * @return the item, or {@code null} if the queue was empty
     * @throws dev.mproc.CodecException if the item cannot be decoded here; it is taken all the same
     */
    static Object poll(ObjectClient client, long objectId) {
        long token = TOKENS.incrementAndGet();
        return received(client, objectId, token, withInterruptSetAside(
                () -> client.callQuick(objectId, QueueObject.GET, getArgs(0, token))));
    }

    /**
     * Runs an operation that never waits with the caller's interrupt status set aside, and restored after.
     * The socket a child reaches its owner through is an interruptible channel: a write by a thread whose
     * interrupt status is set would close the connection, and with it the process's access to every object of
     * that owner. A method that does not wait is not interrupted either, so it must not let that happen.
     *
     * @param op the operation
     * @param <T> its result
     * @return its result
     */
    static <T> T withInterruptSetAside(Supplier<T> op) {
        boolean interrupted = Thread.interrupted();
        try {
            return op.get();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static byte[] getArgs(long nanos, long token) {
        return ByteBuffer.allocate(16).putLong(nanos).putLong(token).array();
    }

    /** An item received is acknowledged before it is decoded: from then on it is this process's. */
    private static Object received(ObjectClient client, long objectId, long token, Response r) {
        if (!r.ok()) {
            return null;
        }
        ByteBuffer p = r.payload();
        if (p.get(p.position()) == QueueObject.RETAINED) {
            byte[] args = ByteBuffer.allocate(8).putLong(token).array();
            withInterruptSetAside(() -> {
                client.post(objectId, QueueObject.ACK, args);
                return null;
            });
        }
        return CODEC.decode(p.array(), p.arrayOffset() + p.position() + 1, p.remaining() - 1);
    }

    /**
     * @param nanos the wire timeout
     * @param encoded the encoded item
     * @return the arguments of a {@link QueueObject#PUT}
     */
    static byte[] putArgs(long nanos, byte[] encoded) {
        return ByteBuffer.allocate(8 + encoded.length).putLong(nanos).put(encoded).array();
    }

    /** Puts an item granted to a thread that was interrupted meanwhile back at the head, where it came from. */
    private static void giveBack(ObjectClient client, long objectId, long token, Response granted) {
        ByteBuffer p = granted.payload();
        boolean retained = p.get(p.position()) == QueueObject.RETAINED;
        // A retained item is still at the owner: the token names it, and it need not travel back.
        ByteBuffer args = ByteBuffer.allocate(8 + (retained ? 0 : p.remaining() - 1)).putLong(token);
        if (!retained) {
            args.put(p.duplicate().position(p.position() + 1));
        }
        try {
            client.post(objectId, QueueObject.UNGET, args.array());
        } catch (MprocException e) {
            // The owner is gone, and the queue with it: there is nowhere to give the item back to.
        }
    }

    /**
     * @param client the owner's client
     * @param objectId the queue
     * @return the number of items the owner holds, at most {@link Integer#MAX_VALUE}
     */
    static int size(ObjectClient client, long objectId) {
        long n = withInterruptSetAside(() -> client.callQuick(objectId, QueueObject.SIZE)).payload().getLong();
        return (int) Math.min(n, Integer.MAX_VALUE);
    }
}
