package dev.mproc.ipc.netty.internal;

import dev.mproc.ipc.netty.internal.objects.EventObject;
import dev.mproc.ipc.netty.internal.objects.Managers;
import dev.mproc.ipc.netty.internal.objects.NettyEvent;
import dev.mproc.ipc.netty.internal.objects.ObjectFactory;
import dev.mproc.ipc.netty.internal.objects.Pipes;
import dev.mproc.ipc.netty.internal.objects.Queues;
import dev.mproc.ipc.netty.internal.objects.SharedValues;
import dev.mproc.ipc.netty.internal.objects.Synchronizers;
import dev.mproc.ipc.netty.internal.objects.ObjectClient;
import dev.mproc.ipc.netty.internal.objects.ObjectServer;
import dev.mproc.ipc.netty.internal.objects.Ref;
import dev.mproc.ipc.netty.internal.objects.ServerObject;
import dev.mproc.spi.UnsupportedPrimitives;
import dev.mproc.pipe.Pipe;
import dev.mproc.queue.JoinableQueue;
import dev.mproc.queue.Queue;
import dev.mproc.queue.SimpleQueue;
import dev.mproc.shared.ByteArray;
import dev.mproc.shared.DoubleArray;
import dev.mproc.shared.DoubleValue;
import dev.mproc.shared.IntArray;
import dev.mproc.shared.IntValue;
import dev.mproc.shared.LongArray;
import dev.mproc.shared.LongValue;
import dev.mproc.shared.Manager;
import dev.mproc.sync.Barrier;
import dev.mproc.sync.BarrierAction;
import dev.mproc.sync.BoundedSemaphore;
import dev.mproc.sync.Condition;
import dev.mproc.sync.Lock;
import dev.mproc.sync.RLock;
import dev.mproc.sync.Semaphore;
import dev.mproc.sync.Event;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The shared objects of the netty backend. Each object's state lives at its owner — the process that created
 * it — on the owner's object server, and every process (the owner included) reaches it by messages; a handle
 * sent to another process carries only the owner's address and the object's id. The state lives as long as the
 * owner's context: when the owner exits or closes the context, other processes' calls fail with an
 * {@link dev.mproc.MprocException} saying the owner is gone.
 */
final class NettyPrimitives extends UnsupportedPrimitives implements ObjectFactory {

    private final NettyIpcBackend backend;

    NettyPrimitives(NettyIpcBackend backend) {
        super("netty");
        this.backend = backend;
    }

    @Override
    public <T> T create(Function<ObjectServer, ServerObject> state, BiFunction<Ref, ObjectClient, T> proxy) {
        ObjectClient client = backend.localClient();
        ObjectServer server = backend.objectServer();
        long id = server.register(state.apply(server));
        return proxy.apply(new Ref(server.address(), id), client);
    }

    @Override
    public <E> Queue<E> queue() {
        return Queues.queue(this);
    }

    @Override
    public <E> Queue<E> queue(int capacity) {
        return Queues.queue(this, capacity);
    }

    @Override
    public <E> JoinableQueue<E> joinableQueue() {
        return Queues.joinableQueue(this);
    }

    @Override
    public <E> JoinableQueue<E> joinableQueue(int capacity) {
        return Queues.joinableQueue(this, capacity);
    }

    @Override
    public <E> SimpleQueue<E> simpleQueue() {
        return Queues.simpleQueue(this);
    }

    @Override
    public Lock lock() {
        return Synchronizers.lock(this);
    }

    @Override
    public RLock rlock() {
        return Synchronizers.rlock(this);
    }

    @Override
    public Semaphore semaphore(int permits) {
        return Synchronizers.semaphore(this, permits);
    }

    @Override
    public BoundedSemaphore boundedSemaphore(int permits) {
        return Synchronizers.boundedSemaphore(this, permits);
    }

    @Override
    public Condition condition(Lock lock) {
        return Synchronizers.condition(this, lock);
    }

    @Override
    public Barrier barrier(int parties) {
        return Synchronizers.barrier(this, parties);
    }

    @Override
    public Barrier barrier(int parties, BarrierAction action) {
        return Synchronizers.barrier(this, parties, action);
    }

    @Override
    public IntValue intValue(int initial, boolean withLock) {
        return SharedValues.intValue(this, initial, withLock);
    }

    @Override
    public LongValue longValue(long initial, boolean withLock) {
        return SharedValues.longValue(this, initial, withLock);
    }

    @Override
    public DoubleValue doubleValue(double initial, boolean withLock) {
        return SharedValues.doubleValue(this, initial, withLock);
    }

    @Override
    public IntArray intArray(int length, boolean withLock) {
        return SharedValues.intArray(this, length, withLock);
    }

    @Override
    public LongArray longArray(int length, boolean withLock) {
        return SharedValues.longArray(this, length, withLock);
    }

    @Override
    public DoubleArray doubleArray(int length, boolean withLock) {
        return SharedValues.doubleArray(this, length, withLock);
    }

    @Override
    public ByteArray byteArray(int length, boolean withLock) {
        return SharedValues.byteArray(this, length, withLock);
    }

    @Override
    public Manager manager() {
        return Managers.manager(this);
    }

    @Override
    public Pipe pipe(boolean duplex) {
        return Pipes.pipe(this, duplex);
    }

    @Override
    public UnsupportedOperationException notProvided(String primitive) {
        return unsupported(primitive);
    }

    @Override
    public Event event() {
        return create(EventObject::new, NettyEvent::new);
    }
}
