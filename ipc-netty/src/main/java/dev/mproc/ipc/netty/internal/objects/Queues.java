package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.queue.JoinableQueue;
import dev.mproc.queue.Queue;
import dev.mproc.queue.SimpleQueue;

/**
 * The netty backend's factories of queues. Every kind is one {@link QueueObject} at its owner, which holds the
 * encoded items and the parked gets, puts and joins; the proxies differ in how they put (see
 * {@link NettyQueue}, {@link NettySimpleQueue}) and in the operations they offer.
 */
public final class Queues {

    private static final int UNBOUNDED = Integer.MAX_VALUE;

    private Queues() {
    }

    /**
     * Creates an unbounded queue owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @param <E> the item type
     * @return the proxy
     */
    public static <E> Queue<E> queue(ObjectFactory factory) {
        QueueObject[] state = new QueueObject[1];
        return factory.create(server -> state[0] = new QueueObject(server, UNBOUNDED, false),
                (ref, client) -> new NettyQueue<E>(ref, client, UNBOUNDED, state[0]));
    }

    /**
     * Creates a bounded queue owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @param capacity as in {@link dev.mproc.Primitives}
     * @param <E> the item type
     * @return the proxy
     */
    public static <E> Queue<E> queue(ObjectFactory factory, int capacity) {
        checkCapacity(capacity);
        QueueObject[] state = new QueueObject[1];
        return factory.create(server -> state[0] = new QueueObject(server, capacity, false),
                (ref, client) -> new NettyQueue<E>(ref, client, capacity, state[0]));
    }

    /**
     * Creates an unbounded joinable queue owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @param <E> the item type
     * @return the proxy
     */
    public static <E> JoinableQueue<E> joinableQueue(ObjectFactory factory) {
        QueueObject[] state = new QueueObject[1];
        return factory.create(server -> state[0] = new QueueObject(server, UNBOUNDED, true),
                (ref, client) -> new NettyJoinableQueue<E>(ref, client, UNBOUNDED, state[0]));
    }

    /**
     * Creates a bounded joinable queue owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @param capacity as in {@link dev.mproc.Primitives}
     * @param <E> the item type
     * @return the proxy
     */
    public static <E> JoinableQueue<E> joinableQueue(ObjectFactory factory, int capacity) {
        checkCapacity(capacity);
        QueueObject[] state = new QueueObject[1];
        return factory.create(server -> state[0] = new QueueObject(server, capacity, true),
                (ref, client) -> new NettyJoinableQueue<E>(ref, client, capacity, state[0]));
    }

    /**
     * Creates a simple queue owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @param <E> the item type
     * @return the proxy
     */
    public static <E> SimpleQueue<E> simpleQueue(ObjectFactory factory) {
        QueueObject[] state = new QueueObject[1];
        return factory.create(server -> state[0] = new QueueObject(server, UNBOUNDED, false),
                (ref, client) -> new NettySimpleQueue<E>(ref, client, state[0]));
    }

    private static void checkCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a queue's capacity must be at least 1, not " + capacity
                    + " (an unbounded queue has no capacity argument)");
        }
    }
}
