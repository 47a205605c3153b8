package dev.mproc.ipc.shm.internal;

import dev.mproc.Primitives;
import dev.mproc.ipc.shm.internal.sync.ShmBarrier;
import dev.mproc.ipc.shm.internal.sync.ShmBoundedSemaphore;
import dev.mproc.ipc.shm.internal.sync.ShmCondition;
import dev.mproc.ipc.shm.internal.sync.ShmEvent;
import dev.mproc.ipc.shm.internal.sync.ShmLock;
import dev.mproc.ipc.shm.internal.sync.ShmRLock;
import dev.mproc.ipc.shm.internal.sync.ShmSemaphore;
import dev.mproc.ipc.shm.internal.values.ShmByteArray;
import dev.mproc.ipc.shm.internal.values.ShmDoubleArray;
import dev.mproc.ipc.shm.internal.values.ShmDoubleValue;
import dev.mproc.ipc.shm.internal.values.ShmIntArray;
import dev.mproc.ipc.shm.internal.values.ShmIntValue;
import dev.mproc.ipc.shm.internal.values.ShmLongArray;
import dev.mproc.ipc.shm.internal.values.ShmLongValue;
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
import java.util.Objects;

/**
 * The shared objects of the shared-memory backend. Each kind documents where its state lives. Queues and pipes are
 * rings in segments of their own ({@code internal.ring}); synchronizers and shared values and arrays live in place in
 * this process's arena segments ({@code internal.sync.Arena}), with futex waits; {@link SharedMemory}
 * ({@link ShmSharedMemory}) and {@link ShareableList} ({@link ShmShareableList}) are each a segment of their own.
 * The manager's maps and lists are the socket backend's: a manager is a server process in Python too, and its
 * operations are whole calls, not memory accesses.
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
        return ShmLock.create();
    }

    @Override
    public RLock rlock() {
        return ShmRLock.create();
    }

    @Override
    public Semaphore semaphore(int permits) {
        return ShmSemaphore.create(permits);
    }

    @Override
    public BoundedSemaphore boundedSemaphore(int permits) {
        return ShmBoundedSemaphore.create(permits);
    }

    @Override
    public Event event() {
        return ShmEvent.create();
    }

    @Override
    public Condition condition(Lock lock) {
        return ShmCondition.create(lock);
    }

    @Override
    public Barrier barrier(int parties) {
        return ShmBarrier.create(parties, null);
    }

    @Override
    public Barrier barrier(int parties, BarrierAction action) {
        return ShmBarrier.create(parties, Objects.requireNonNull(action, "action"));
    }

    @Override
    public IntValue intValue(int initial, boolean withLock) {
        return ShmIntValue.create(initial, withLock);
    }

    @Override
    public LongValue longValue(long initial, boolean withLock) {
        return ShmLongValue.create(initial, withLock);
    }

    @Override
    public DoubleValue doubleValue(double initial, boolean withLock) {
        return ShmDoubleValue.create(initial, withLock);
    }

    @Override
    public IntArray intArray(int length, boolean withLock) {
        return ShmIntArray.create(length, withLock);
    }

    @Override
    public LongArray longArray(int length, boolean withLock) {
        return ShmLongArray.create(length, withLock);
    }

    @Override
    public DoubleArray doubleArray(int length, boolean withLock) {
        return ShmDoubleArray.create(length, withLock);
    }

    @Override
    public ByteArray byteArray(int length, boolean withLock) {
        return ShmByteArray.create(length, withLock);
    }

    @Override
    public SharedMemory sharedMemory(long size) {
        return ShmSharedMemory.create(size);
    }

    @Override
    public SharedMemory attachSharedMemory(String name) {
        return ShmSharedMemory.attach(name);
    }

    @Override
    public ShareableList shareableList(List<?> values) {
        return ShmShareableList.create(values);
    }

    @Override
    public ShareableList attachShareableList(String name) {
        return ShmShareableList.attach(name);
    }

    @Override
    public Manager manager() {
        return sockets.manager();
    }
}
