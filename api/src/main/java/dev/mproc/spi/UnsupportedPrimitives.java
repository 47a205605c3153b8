package dev.mproc.spi;

import dev.mproc.Primitives;
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
 * A {@link Primitives} that provides nothing: every factory throws {@link UnsupportedOperationException}
 * naming the primitive and the backend. A backend extends it and overrides the factories it implements, so
 * that a primitive it does not provide yet fails visibly, at creation, with a clear reason.
 */
public class UnsupportedPrimitives implements Primitives {

    private final String backend;

    /**
     * @param backend the IPC backend's name, for messages
     */
    public UnsupportedPrimitives(String backend) {
        this.backend = backend;
    }

    /**
     * The error for a primitive this backend does not provide.
     *
     * @param primitive the factory's name
     * @return an exception naming the primitive and the backend
     */
    protected final UnsupportedOperationException unsupported(String primitive) {
        return new UnsupportedOperationException("IPC backend '" + backend + "' does not provide " + primitive
                + "() yet");
    }

    @Override
    public <E> Queue<E> queue() {
        throw unsupported("queue");
    }

    @Override
    public <E> Queue<E> queue(int capacity) {
        throw unsupported("queue");
    }

    @Override
    public <E> JoinableQueue<E> joinableQueue() {
        throw unsupported("joinableQueue");
    }

    @Override
    public <E> JoinableQueue<E> joinableQueue(int capacity) {
        throw unsupported("joinableQueue");
    }

    @Override
    public <E> SimpleQueue<E> simpleQueue() {
        throw unsupported("simpleQueue");
    }

    @Override
    public Pipe pipe(boolean duplex) {
        throw unsupported("pipe");
    }

    @Override
    public Lock lock() {
        throw unsupported("lock");
    }

    @Override
    public RLock rlock() {
        throw unsupported("rlock");
    }

    @Override
    public Semaphore semaphore(int permits) {
        throw unsupported("semaphore");
    }

    @Override
    public BoundedSemaphore boundedSemaphore(int permits) {
        throw unsupported("boundedSemaphore");
    }

    @Override
    public Event event() {
        throw unsupported("event");
    }

    @Override
    public Condition condition(Lock lock) {
        throw unsupported("condition");
    }

    @Override
    public Barrier barrier(int parties) {
        throw unsupported("barrier");
    }

    @Override
    public Barrier barrier(int parties, BarrierAction action) {
        throw unsupported("barrier");
    }

    @Override
    public IntValue intValue(int initial, boolean withLock) {
        throw unsupported("intValue");
    }

    @Override
    public LongValue longValue(long initial, boolean withLock) {
        throw unsupported("longValue");
    }

    @Override
    public DoubleValue doubleValue(double initial, boolean withLock) {
        throw unsupported("doubleValue");
    }

    @Override
    public IntArray intArray(int length, boolean withLock) {
        throw unsupported("intArray");
    }

    @Override
    public LongArray longArray(int length, boolean withLock) {
        throw unsupported("longArray");
    }

    @Override
    public DoubleArray doubleArray(int length, boolean withLock) {
        throw unsupported("doubleArray");
    }

    @Override
    public ByteArray byteArray(int length, boolean withLock) {
        throw unsupported("byteArray");
    }

    @Override
    public SharedMemory sharedMemory(long size) {
        throw unsupported("sharedMemory");
    }

    @Override
    public SharedMemory attachSharedMemory(String name) {
        throw unsupported("attachSharedMemory");
    }

    @Override
    public ShareableList shareableList(List<?> values) {
        throw unsupported("shareableList");
    }

    @Override
    public ShareableList attachShareableList(String name) {
        throw unsupported("attachShareableList");
    }

    @Override
    public Manager manager() {
        throw unsupported("manager");
    }
}
