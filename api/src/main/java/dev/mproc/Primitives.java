package dev.mproc;

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
import dev.mproc.shared.SharedMemoryNotFoundException;
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
 * Creates the objects processes share: queues, pipes, synchronizers, shared values and arrays, shared
 * memory and managers. A context exposes these factories, as Python's context object offers
 * {@code ctx.Queue()}, {@code ctx.Lock()} and the rest.
 *
 * <p>Every object is created by the context's IPC backend, which decides where its state lives (with the
 * owner's server for a socket backend, in a shared-memory segment for a shared-memory backend; each
 * backend documents its choice). The calling process owns the new object: it lives as long as that process,
 * as {@link SharedObject} explains, and may be passed to other processes meanwhile. The objects of one
 * context work with each other (a {@link Condition} takes a {@link Lock} of the same backend) and not with
 * those of another backend.
 *
 * <p>A backend that does not provide a kind of object yet throws {@link UnsupportedOperationException} from
 * its factory, with a message naming the primitive and the backend; it never returns an object that fails
 * later. Factories are safe for concurrent use by several threads; none of them blocks for longer than
 * the backend needs to set the object up.
 */
public interface Primitives {

    /**
     * Creates an unbounded queue: Python's {@code Queue()}. A put never waits for a consumer. The state lives
     * where this context's IPC backend keeps it, and the calling process owns it.
     *
     * @param <E> the type of the items
     * @return the new queue
     * @throws UnsupportedOperationException if this context's IPC backend does not provide queues (yet); the
     *     message names the primitive and the backend
     */
    <E> Queue<E> queue();

    /**
     * Creates a queue holding at most {@code capacity} items: Python's {@code Queue(maxsize)}. Python's
     * {@code maxsize <= 0}, meaning unbounded, is spelled {@link #queue()}. The state lives where this
     * context's IPC backend keeps it, and the calling process owns it.
     *
     * @param <E> the type of the items
     * @param capacity the most items the queue holds, at least 1
     * @return the new queue
     * @throws IllegalArgumentException if {@code capacity} is less than 1
     * @throws UnsupportedOperationException if this context's IPC backend does not provide queues (yet); the
     *     message names the primitive and the backend
     */
    <E> Queue<E> queue(int capacity);

    /**
     * Creates an unbounded queue that counts unfinished tasks: Python's {@code JoinableQueue()}. The state
     * lives where this context's IPC backend keeps it, and the calling process owns it.
     *
     * @param <E> the type of the items
     * @return the new queue
     * @throws UnsupportedOperationException if this context's IPC backend does not provide joinable queues
     *     (yet); the message names the primitive and the backend
     */
    <E> JoinableQueue<E> joinableQueue();

    /**
     * Creates a queue that counts unfinished tasks and holds at most {@code capacity} items: Python's
     * {@code JoinableQueue(maxsize)}. The state lives where this context's IPC backend keeps it, and the
     * calling process owns it.
     *
     * @param <E> the type of the items
     * @param capacity the most items the queue holds, at least 1
     * @return the new queue
     * @throws IllegalArgumentException if {@code capacity} is less than 1
     * @throws UnsupportedOperationException if this context's IPC backend does not provide joinable queues
     *     (yet); the message names the primitive and the backend
     */
    <E> JoinableQueue<E> joinableQueue(int capacity);

    /**
     * Creates an unbounded queue whose put returns once the item is stored: Python's {@code SimpleQueue()}.
     * The state lives where this context's IPC backend keeps it, and the calling process owns it.
     *
     * @param <E> the type of the items
     * @return the new queue
     * @throws UnsupportedOperationException if this context's IPC backend does not provide simple queues
     *     (yet); the message names the primitive and the backend
     */
    <E> SimpleQueue<E> simpleQueue();

    /**
     * Creates a duplex pipe, both of whose ends send and receive: Python's {@code Pipe()}. Same as
     * {@code pipe(true)}. The state lives where this context's IPC backend keeps it, and the calling process
     * owns it.
     *
     * @return the two ends
     * @throws UnsupportedOperationException if this context's IPC backend does not provide pipes (yet); the
     *     message names the primitive and the backend
     */
    default Pipe pipe() {
        return pipe(true);
    }

    /**
     * Creates a pipe: Python's {@code Pipe(duplex)}. Of a one-way pipe, {@link Pipe#left()} (also
     * {@link Pipe#reader()}) only receives and {@link Pipe#right()} (also {@link Pipe#writer()}) only sends.
     * The state lives where this context's IPC backend keeps it, and the calling process owns it.
     *
     * @param duplex {@code true} for ends that both send and receive, {@code false} for a one-way pipe
     * @return the two ends
     * @throws UnsupportedOperationException if this context's IPC backend does not provide pipes (yet); the
     *     message names the primitive and the backend
     */
    Pipe pipe(boolean duplex);

    /**
     * Creates a non-reentrant lock, initially free: Python's {@code Lock()}. The state lives where this
     * context's IPC backend keeps it, and the calling process owns it.
     *
     * @return the new lock
     * @throws UnsupportedOperationException if this context's IPC backend does not provide locks (yet); the
     *     message names the primitive and the backend
     */
    Lock lock();

    /**
     * Creates a reentrant lock, initially free: Python's {@code RLock()}. The state lives where this
     * context's IPC backend keeps it, and the calling process owns it.
     *
     * @return the new lock
     * @throws UnsupportedOperationException if this context's IPC backend does not provide reentrant locks
     *     (yet); the message names the primitive and the backend
     */
    RLock rlock();

    /**
     * Creates a counting semaphore: Python's {@code Semaphore(value)}. The state lives where this context's
     * IPC backend keeps it, and the calling process owns it.
     *
     * @param permits the initial number of permits, at least 0
     * @return the new semaphore
     * @throws IllegalArgumentException if {@code permits} is negative
     * @throws UnsupportedOperationException if this context's IPC backend does not provide semaphores (yet);
     *     the message names the primitive and the backend
     */
    Semaphore semaphore(int permits);

    /**
     * Creates a semaphore whose permits never exceed the initial number: Python's
     * {@code BoundedSemaphore(value)}. The state lives where this context's IPC backend keeps it, and the
     * calling process owns it.
     *
     * @param permits the initial and greatest number of permits, at least 0
     * @return the new semaphore
     * @throws IllegalArgumentException if {@code permits} is negative
     * @throws UnsupportedOperationException if this context's IPC backend does not provide bounded semaphores
     *     (yet); the message names the primitive and the backend
     */
    BoundedSemaphore boundedSemaphore(int permits);

    /**
     * Creates an event, initially clear: Python's {@code Event()}. The state lives where this context's IPC
     * backend keeps it, and the calling process owns it.
     *
     * @return the new event
     * @throws UnsupportedOperationException if this context's IPC backend does not provide events (yet); the
     *     message names the primitive and the backend
     */
    Event event();

    /**
     * Creates a condition bound to a new {@link RLock}: Python's {@code Condition()}. Same as
     * {@code condition(rlock())}. The state lives where this context's IPC backend keeps it, and the calling
     * process owns it.
     *
     * @return the new condition
     * @throws UnsupportedOperationException if this context's IPC backend does not provide conditions (yet);
     *     the message names the primitive and the backend
     */
    default Condition condition() {
        return condition(rlock());
    }

    /**
     * Creates a condition bound to a given lock, which may be an {@link RLock}: Python's
     * {@code Condition(lock)}. The state lives where this context's IPC backend keeps it, and the calling
     * process owns it.
     *
     * @param lock the lock, created by this context
     * @return the new condition
     * @throws NullPointerException if {@code lock} is {@code null}
     * @throws IllegalArgumentException if {@code lock} was not created by this context's IPC backend
     * @throws UnsupportedOperationException if this context's IPC backend does not provide conditions (yet);
     *     the message names the primitive and the backend
     */
    Condition condition(Lock lock);

    /**
     * Creates a barrier for a number of parties, without an action: Python's {@code Barrier(parties)}. The
     * state lives where this context's IPC backend keeps it, and the calling process owns it.
     *
     * @param parties how many parties must arrive to pass, at least 1
     * @return the new barrier
     * @throws IllegalArgumentException if {@code parties} is less than 1
     * @throws UnsupportedOperationException if this context's IPC backend does not provide barriers (yet);
     *     the message names the primitive and the backend
     */
    Barrier barrier(int parties);

    /**
     * Creates a barrier for a number of parties, with an action the last party to arrive runs before each
     * pass: Python's {@code Barrier(parties, action)}. The state lives where this context's IPC backend keeps
     * it, and the calling process owns it.
     *
     * @param parties how many parties must arrive to pass, at least 1
     * @param action what to run once per pass; encoded with the barrier
     * @return the new barrier
     * @throws IllegalArgumentException if {@code parties} is less than 1
     * @throws NullPointerException if {@code action} is {@code null}
     * @throws CodecException if the action cannot be encoded
     * @throws UnsupportedOperationException if this context's IPC backend does not provide barriers (yet);
     *     the message names the primitive and the backend
     */
    Barrier barrier(int parties, BarrierAction action);

    /**
     * Creates a shared {@code int} value with a lock, as Python's {@code Value('i', initial)} does by
     * default. Same as {@code intValue(initial, true)}. The state lives where this context's IPC backend
     * keeps it, and the calling process owns it.
     *
     * @param initial the initial value
     * @return the new value
     * @throws UnsupportedOperationException if this context's IPC backend does not provide shared values
     *     (yet); the message names the primitive and the backend
     */
    default IntValue intValue(int initial) {
        return intValue(initial, true);
    }

    /**
     * Creates a shared {@code int} value, with a lock or lock-free: Python's
     * {@code Value('i', initial, lock=withLock)}. See the {@link dev.mproc.shared} package for the
     * difference. The state lives where this context's IPC backend keeps it, and the calling process owns it.
     *
     * @param initial the initial value
     * @param withLock {@code true} to associate a new {@link RLock} taken by every method, {@code false} for
     *     a lock-free value whose methods are atomic one by one
     * @return the new value
     * @throws UnsupportedOperationException if this context's IPC backend does not provide shared values
     *     (yet); the message names the primitive and the backend
     */
    IntValue intValue(int initial, boolean withLock);

    /**
     * Creates a shared {@code long} value with a lock, as Python's {@code Value('q', initial)} does by
     * default. Same as {@code longValue(initial, true)}. The state lives where this context's IPC backend
     * keeps it, and the calling process owns it.
     *
     * @param initial the initial value
     * @return the new value
     * @throws UnsupportedOperationException if this context's IPC backend does not provide shared values
     *     (yet); the message names the primitive and the backend
     */
    default LongValue longValue(long initial) {
        return longValue(initial, true);
    }

    /**
     * Creates a shared {@code long} value, with a lock or lock-free: Python's
     * {@code Value('q', initial, lock=withLock)}. See the {@link dev.mproc.shared} package for the
     * difference. The state lives where this context's IPC backend keeps it, and the calling process owns it.
     *
     * @param initial the initial value
     * @param withLock {@code true} to associate a new {@link RLock} taken by every method, {@code false} for
     *     a lock-free value whose methods are atomic one by one
     * @return the new value
     * @throws UnsupportedOperationException if this context's IPC backend does not provide shared values
     *     (yet); the message names the primitive and the backend
     */
    LongValue longValue(long initial, boolean withLock);

    /**
     * Creates a shared {@code double} value with a lock, as Python's {@code Value('d', initial)} does by
     * default. Same as {@code doubleValue(initial, true)}. The state lives where this context's IPC backend
     * keeps it, and the calling process owns it.
     *
     * @param initial the initial value
     * @return the new value
     * @throws UnsupportedOperationException if this context's IPC backend does not provide shared values
     *     (yet); the message names the primitive and the backend
     */
    default DoubleValue doubleValue(double initial) {
        return doubleValue(initial, true);
    }

    /**
     * Creates a shared {@code double} value, with a lock or lock-free: Python's
     * {@code Value('d', initial, lock=withLock)}. See the {@link dev.mproc.shared} package for the
     * difference. The state lives where this context's IPC backend keeps it, and the calling process owns it.
     *
     * @param initial the initial value
     * @param withLock {@code true} to associate a new {@link RLock} taken by every method, {@code false} for
     *     a lock-free value whose methods are atomic one by one
     * @return the new value
     * @throws UnsupportedOperationException if this context's IPC backend does not provide shared values
     *     (yet); the message names the primitive and the backend
     */
    DoubleValue doubleValue(double initial, boolean withLock);

    /**
     * Creates a shared array of {@code int} elements, all zero, with a lock, as Python's
     * {@code Array('i', length)} does by default. Same as {@code intArray(length, true)}. The state lives
     * where this context's IPC backend keeps it, and the calling process owns it.
     *
     * @param length the number of elements, at least 0
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative
     * @throws UnsupportedOperationException if this context's IPC backend does not provide shared arrays
     *     (yet); the message names the primitive and the backend
     */
    default IntArray intArray(int length) {
        return intArray(length, true);
    }

    /**
     * Creates a shared array of {@code int} elements, all zero, with a lock or lock-free: Python's
     * {@code Array('i', length, lock=withLock)}. See the {@link dev.mproc.shared} package for the difference.
     * The state lives where this context's IPC backend keeps it, and the calling process owns it.
     *
     * @param length the number of elements, at least 0
     * @param withLock {@code true} to associate a new {@link RLock} taken by every method, {@code false} for
     *     a lock-free array
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative
     * @throws UnsupportedOperationException if this context's IPC backend does not provide shared arrays
     *     (yet); the message names the primitive and the backend
     */
    IntArray intArray(int length, boolean withLock);

    /**
     * Creates a shared array of {@code long} elements, all zero, with a lock, as Python's
     * {@code Array('q', length)} does by default. Same as {@code longArray(length, true)}. The state lives
     * where this context's IPC backend keeps it, and the calling process owns it.
     *
     * @param length the number of elements, at least 0
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative
     * @throws UnsupportedOperationException if this context's IPC backend does not provide shared arrays
     *     (yet); the message names the primitive and the backend
     */
    default LongArray longArray(int length) {
        return longArray(length, true);
    }

    /**
     * Creates a shared array of {@code long} elements, all zero, with a lock or lock-free: Python's
     * {@code Array('q', length, lock=withLock)}. See the {@link dev.mproc.shared} package for the difference.
     * The state lives where this context's IPC backend keeps it, and the calling process owns it.
     *
     * @param length the number of elements, at least 0
     * @param withLock {@code true} to associate a new {@link RLock} taken by every method, {@code false} for
     *     a lock-free array
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative
     * @throws UnsupportedOperationException if this context's IPC backend does not provide shared arrays
     *     (yet); the message names the primitive and the backend
     */
    LongArray longArray(int length, boolean withLock);

    /**
     * Creates a shared array of {@code double} elements, all zero, with a lock, as Python's
     * {@code Array('d', length)} does by default. Same as {@code doubleArray(length, true)}. The state lives
     * where this context's IPC backend keeps it, and the calling process owns it.
     *
     * @param length the number of elements, at least 0
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative
     * @throws UnsupportedOperationException if this context's IPC backend does not provide shared arrays
     *     (yet); the message names the primitive and the backend
     */
    default DoubleArray doubleArray(int length) {
        return doubleArray(length, true);
    }

    /**
     * Creates a shared array of {@code double} elements, all zero, with a lock or lock-free: Python's
     * {@code Array('d', length, lock=withLock)}. See the {@link dev.mproc.shared} package for the difference.
     * The state lives where this context's IPC backend keeps it, and the calling process owns it.
     *
     * @param length the number of elements, at least 0
     * @param withLock {@code true} to associate a new {@link RLock} taken by every method, {@code false} for
     *     a lock-free array
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative
     * @throws UnsupportedOperationException if this context's IPC backend does not provide shared arrays
     *     (yet); the message names the primitive and the backend
     */
    DoubleArray doubleArray(int length, boolean withLock);

    /**
     * Creates a shared array of {@code byte} elements, all zero, with a lock, as Python's
     * {@code Array('b', length)} does by default. Same as {@code byteArray(length, true)}. The state lives
     * where this context's IPC backend keeps it, and the calling process owns it.
     *
     * @param length the number of elements, at least 0
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative
     * @throws UnsupportedOperationException if this context's IPC backend does not provide shared arrays
     *     (yet); the message names the primitive and the backend
     */
    default ByteArray byteArray(int length) {
        return byteArray(length, true);
    }

    /**
     * Creates a shared array of {@code byte} elements, all zero, with a lock or lock-free: Python's
     * {@code Array('b', length, lock=withLock)}. See the {@link dev.mproc.shared} package for the difference.
     * The state lives where this context's IPC backend keeps it, and the calling process owns it.
     *
     * @param length the number of elements, at least 0
     * @param withLock {@code true} to associate a new {@link RLock} taken by every method, {@code false} for
     *     a lock-free array
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative
     * @throws UnsupportedOperationException if this context's IPC backend does not provide shared arrays
     *     (yet); the message names the primitive and the backend
     */
    ByteArray byteArray(int length, boolean withLock);

    /**
     * Creates a zero-filled shared-memory segment with a generated, unguessable name: Python's
     * {@code SharedMemory(create=True, size=size)}. It is unlinked when the calling process exits, if not
     * before. The state lives where this context's IPC backend keeps it, and the calling process owns it.
     *
     * @param size the size in bytes, at least 1
     * @return the new segment, attached
     * @throws IllegalArgumentException if {@code size} is less than 1
     * @throws MprocException if the backend has no room for the segment; the message names the size asked
     *     and the room available
     * @throws UnsupportedOperationException if this context's IPC backend does not provide shared memory
     *     (yet); the message names the primitive and the backend
     */
    SharedMemory sharedMemory(long size);

    /**
     * Attaches to an existing shared-memory segment by name: Python's {@code SharedMemory(name)}. The segment
     * stays owned by the process that created it; the calling process's exit does not unlink it.
     *
     * @param name the segment's {@linkplain SharedMemory#name() name}
     * @return a new handle, attached to the segment
     * @throws SharedMemoryNotFoundException if no segment has that name
     * @throws NullPointerException if {@code name} is {@code null}
     * @throws UnsupportedOperationException if this context's IPC backend does not provide shared memory
     *     (yet); the message names the primitive and the backend
     */
    SharedMemory attachSharedMemory(String name);

    /**
     * Creates a shared list of simple values in a new shared-memory segment: Python's
     * {@code ShareableList(values)}. The element types and slot sizes are described by {@link ShareableList}.
     * The state lives where this context's IPC backend keeps it, and the calling process owns it.
     *
     * @param values the initial elements, which fix the list's length and slot sizes
     * @return the new list, attached
     * @throws IllegalArgumentException if an element's type is not supported
     * @throws NullPointerException if {@code values} is {@code null}
     * @throws UnsupportedOperationException if this context's IPC backend does not provide shareable lists
     *     (yet); the message names the primitive and the backend
     */
    ShareableList shareableList(List<?> values);

    /**
     * Attaches to an existing shareable list by the name of its segment: Python's
     * {@code ShareableList(name=name)}. The list stays owned by the process that created it; the calling
     * process's exit does not unlink it.
     *
     * @param name the list's {@linkplain ShareableList#name() name}
     * @return a new handle, attached to the list
     * @throws SharedMemoryNotFoundException if no segment has that name
     * @throws NullPointerException if {@code name} is {@code null}
     * @throws UnsupportedOperationException if this context's IPC backend does not provide shareable lists
     *     (yet); the message names the primitive and the backend
     */
    ShareableList attachShareableList(String name);

    /**
     * Starts a manager, which holds shared maps, lists and namespaces: Python's {@code Manager()}. Where the
     * manager's state lives is the IPC backend's choice; it lives until {@link Manager#shutdown()} or until
     * the calling process exits.
     *
     * @return the running manager
     * @throws UnsupportedOperationException if this context's IPC backend does not provide managers (yet);
     *     the message names the primitive and the backend
     */
    Manager manager();
}
