package dev.mproc.ipc.shm.internal;

import dev.mproc.Primitives;
import dev.mproc.ipc.shm.internal.ring.ShmConnection;
import dev.mproc.ipc.shm.internal.ring.ShmJoinableQueue;
import dev.mproc.ipc.shm.internal.ring.ShmQueue;
import dev.mproc.ipc.shm.internal.ring.ShmSimpleQueue;
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
import dev.mproc.shared.ShareableList;
import dev.mproc.shared.SharedMemory;
import dev.mproc.spi.IpcSettings;
import dev.mproc.sync.Barrier;
import dev.mproc.sync.BarrierAction;
import dev.mproc.sync.BoundedSemaphore;
import dev.mproc.sync.Condition;
import dev.mproc.sync.Event;
import dev.mproc.sync.Lock;
import dev.mproc.sync.RLock;
import dev.mproc.sync.Semaphore;
import java.util.List;

/**
 * The shared objects of the shared-memory backend. Each kind documents where its state lives; the manager's maps
 * and lists are the socket backend's (a manager is a server process in Python too, and its operations are whole
 * calls, not memory accesses), as is every kind not yet moved into shared memory.
 */
final class ShmPrimitives implements Primitives {

    private final IpcSettings settings;
    private final Primitives sockets;

    ShmPrimitives(IpcSettings settings, Primitives sockets) {
        this.settings = settings;
        this.sockets = sockets;
    }

    // Queues and pipes: rings in shared memory (package ring).

    @Override
    public <E> Queue<E> queue() {
        return ShmQueue.create(Integer.MAX_VALUE);
    }

    @Override
    public <E> Queue<E> queue(int capacity) {
        return ShmQueue.create(capacity);
    }

    @Override
    public <E> JoinableQueue<E> joinableQueue() {
        return ShmJoinableQueue.create(Integer.MAX_VALUE);
    }

    @Override
    public <E> JoinableQueue<E> joinableQueue(int capacity) {
        return ShmJoinableQueue.create(capacity);
    }

    @Override
    public <E> SimpleQueue<E> simpleQueue() {
        return ShmSimpleQueue.create();
    }

    @Override
    public Pipe pipe(boolean duplex) {
        return ShmConnection.pipe(duplex, settings.maxFrameBytes());
    }

    @Override
    public Lock lock() {
        return sockets.lock();
    }

    @Override
    public RLock rlock() {
        return sockets.rlock();
    }

    @Override
    public Semaphore semaphore(int permits) {
        return sockets.semaphore(permits);
    }

    @Override
    public BoundedSemaphore boundedSemaphore(int permits) {
        return sockets.boundedSemaphore(permits);
    }

    @Override
    public Event event() {
        return sockets.event();
    }

    @Override
    public Condition condition(Lock lock) {
        return sockets.condition(lock);
    }

    @Override
    public Barrier barrier(int parties) {
        return sockets.barrier(parties);
    }

    @Override
    public Barrier barrier(int parties, BarrierAction action) {
        return sockets.barrier(parties, action);
    }

    @Override
    public IntValue intValue(int initial, boolean withLock) {
        return sockets.intValue(initial, withLock);
    }

    @Override
    public LongValue longValue(long initial, boolean withLock) {
        return sockets.longValue(initial, withLock);
    }

    @Override
    public DoubleValue doubleValue(double initial, boolean withLock) {
        return sockets.doubleValue(initial, withLock);
    }

    @Override
    public IntArray intArray(int length, boolean withLock) {
        return sockets.intArray(length, withLock);
    }

    @Override
    public LongArray longArray(int length, boolean withLock) {
        return sockets.longArray(length, withLock);
    }

    @Override
    public DoubleArray doubleArray(int length, boolean withLock) {
        return sockets.doubleArray(length, withLock);
    }

    @Override
    public ByteArray byteArray(int length, boolean withLock) {
        return sockets.byteArray(length, withLock);
    }

    @Override
    public SharedMemory sharedMemory(long size) {
        return sockets.sharedMemory(size);
    }

    @Override
    public SharedMemory attachSharedMemory(String name) {
        return sockets.attachSharedMemory(name);
    }

    @Override
    public ShareableList shareableList(List<?> values) {
        return sockets.shareableList(values);
    }

    @Override
    public ShareableList attachShareableList(String name) {
        return sockets.attachShareableList(name);
    }

    @Override
    public Manager manager() {
        return sockets.manager();
    }
}
