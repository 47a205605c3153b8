package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.MprocException;
import dev.mproc.ipc.netty.internal.Wire;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One process's connection to one object server, shared by every proxy of that server's objects and every
 * thread. Requests are multiplexed by id.
 *
 * <h2>Reaching the owner's own server</h2>
 * In the owner, frames go to the event loop without a socket ({@link Link}), and the loop completes the
 * requests.
 *
 * <h2>Reaching another process's server</h2>
 * Over a socket ({@link Remote}), with no thread of its own on the way of a round trip:
 * <ul>
 *   <li><b>Writing.</b> Every frame goes through one outgoing buffer, in the order the callers handed them in, so
 *   a post that happens-before another request of this process is handled before it. A call or an
 *   {@linkplain #post eager post} then writes the buffer itself (whatever earlier lazy posts had left there goes
 *   out in the same system call). A {@linkplain #postLazy lazy post} returns at once; a flusher thread writes the
 *   buffer while the caller goes on, so a burst of posts leaves in a few large writes, as Python's feeder
 *   thread sends a queue's items.</li>
 *   <li><b>Reading.</b> The thread that waits for a response reads the socket itself (leader/follower): one
 *   waiting thread at a time reads frames and completes whichever requests they answer, its own included; a
 *   thread whose response another reader delivered is woken for it. A caller whose response has not begun to
 *   arrive within a short window ({@code mproc.objects.readWindowMicros}, default 2 ms: longer than any round
 *   trip that does not park at the owner) stops reading and parks, and a reader thread reads for the parked
 *   callers while there are any: so a call that blocks at the owner (a {@code get} on an empty queue) waits
 *   parked, in state {@code WAITING}, as a thread blocked in {@code java.util.concurrent} does. A failure of a
 *   post (a response with a negative id) is read by the next call or post that follows it.
 *   A reader may spin before it waits in the kernel ({@code mproc.objects.spinNanos}, on more than one
 *   processor); off by default: on two vCPUs a spinning reader took the processor from the owner's event loop
 *   and a pipe round trip tripled.</li>
 * </ul>
 */
public final class ObjectClient {

    private static final byte[] NO_ARGS = new byte[0];

    /** How long a reader spins before it waits in the kernel; 0 on a single processor. */
    private static final long SPIN_NANOS = Runtime.getRuntime().availableProcessors() > 1
            ? Long.getLong("mproc.objects.spinNanos", 0) : 0;

    /** How long the flusher looks for more lazy posts before it parks; 0 on a single processor. */
    private static final long LINGER_NANOS = SPIN_NANOS / 2;

    /** Outgoing buffers up to this size are kept for reuse. */
    private static final int KEEP_BUFFER_BYTES = 1 << 20;

    /** The most bytes of items one batched frame gathers ({@link #postBatched}); a larger item travels alone. */
    private static final int BATCH_BYTES =
            Math.min(256 << 10, Integer.getInteger("mproc.maxFrameBytes", 256 << 20) / 2);

    /** Sends a request frame to the owner's own server, without a socket. */
    @FunctionalInterface
    public interface Link {
        /**
         * @param frame a request frame
         * @throws java.io.IOException if the connection is broken
         */
        void send(byte[] frame) throws java.io.IOException;
    }

    /** What {@link Remote#receive} returns when its wait ended before a frame began to arrive. */
    public static final byte[] TIMED_OUT = dev.mproc.ipc.netty.internal.SocketControlLink.TIMED_OUT;

    /** A socket to another process's server, carrying length-prefixed frames. */
    public interface Remote {
        /**
         * Writes framed bytes (each frame preceded by its 4-byte length), all of them.
         *
         * @param frames the bytes, from position to limit
         * @throws java.io.IOException if the connection is broken
         */
        void writeFramed(ByteBuffer frames) throws java.io.IOException;

        /**
         * Reads the next frame, waiting for it.
         *
         * @param stopOnInterrupt whether to return {@code null} when the thread is interrupted at a frame boundary
         * @param spinNanos how long to poll before waiting in the kernel
         * @param waitNanos how long to wait for a frame to begin arriving, negative for ever
         * @return the frame, {@code null} if interrupted, or {@link #TIMED_OUT}
         * @throws java.io.IOException if the connection is broken or closed
         */
        byte[] receive(boolean stopOnInterrupt, long spinNanos, long waitNanos) throws java.io.IOException;

        /**
         * @return the next frame if it has arrived completely, else {@code null}
         * @throws java.io.IOException if the connection is broken or closed
         */
        byte[] receiveNow() throws java.io.IOException;
    }

    /** A request waiting for its response; completed under {@link #monitor}. */
    private static final class Pending {
        private volatile Response response;
        /** Whether its caller gave up reading and waits for the reader thread; guarded by {@code monitor}. */
        private boolean parked;
    }

    /**
     * How long a caller reads the socket for its own response before it parks and leaves reading to the reader
     * thread: long enough for any round trip that does not park at the owner.
     */
    private static final long READ_WINDOW_NANOS = Long.getLong("mproc.objects.readWindowMicros", 2_000) * 1_000;

    private final String address;
    private final Link link;
    private final Remote remote;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Map<Long, Response> deferredFailures = new ConcurrentHashMap<>();
    private volatile String closedReason;

    /** Guards the leadership of reading ({@link #reading}); waiting callers wait on it. */
    private final Object monitor = new Object();
    private boolean reading;
    /** Callers parked until the reader thread delivers their response; guarded by {@link #monitor}. */
    private int parkedCallers;
    private Thread reader;
    /** Whether posts went out since a reader last looked: a failure of one may be waiting to be read. */
    private volatile boolean postedSinceRead;

    /** Guards {@link #out}, the frames not yet written. */
    private final Object outLock = new Object();
    private ByteBuffer out;
    private ByteBuffer spare;
    /** Bytes in {@link #out}, readable without the lock. */
    private volatile int outBytes;
    /** Held while a buffer is taken and written, so that buffers go out in the order they were filled. */
    private final ReentrantLock writeLock = new ReentrantLock();
    private Thread flusher;
    private volatile boolean flusherParked;
    /**
     * Where the batched frame last appended to {@link #out} starts (its length prefix), or -1 if the last frame
     * there is not one; and its object and op. Guarded by {@link #outLock}.
     */
    private int batchStart = -1;
    private long batchObject;
    private byte batchOp;

    /**
     * A client of the owner's own server.
     *
     * @param address the server's address, for messages
     * @param link how frames reach it
     */
    public ObjectClient(String address, Link link) {
        this.address = address;
        this.link = link;
        this.remote = null;
    }

    /**
     * A client of another process's server.
     *
     * @param address the server's address, for messages
     * @param remote the authenticated socket
     */
    public ObjectClient(String address, Remote remote) {
        this.address = address;
        this.link = null;
        this.remote = remote;
        this.out = ByteBuffer.allocate(8 * 1024);
    }

    /** @return the server's address */
    public String address() {
        return address;
    }

    /**
     * Sends a request and waits for its response. If the calling thread is interrupted while waiting, the request
     * is cancelled at the server; if the server had already granted it, {@code undo} receives the grant to give it
     * back, and the interruption is reported either way.
     *
     * @param objectId the target object
     * @param op the operation
     * @param args the arguments
     * @param undo gives back a grant that arrived after the caller was interrupted
     * @return the response (never FAILED: failures are thrown)
     * @throws InterruptedException if interrupted while waiting
     */
    public Response call(long objectId, byte op, byte[] args, Consumer<Response> undo) throws InterruptedException {
        readPostFailures();
        throwDeferred(objectId);
        long id = ids.incrementAndGet();
        Pending p = new Pending();
        pending.put(id, p);
        send(Wire.request(id, objectId, op, (byte) 0, Thread.currentThread().getId(), args), id, true);
        try {
            return await(p, true).orThrow();
        } catch (InterruptedException e) {
            sendQuietly(Wire.request(ids.incrementAndGet(), objectId, Wire.OP_CANCEL, Wire.NO_REPLY,
                    Thread.currentThread().getId(), ByteBuffer.allocate(8).putLong(id).array()));
            Response late = awaitUninterruptibly(p);
            Thread.interrupted();
            if (late.ok() && undo != null) {
                undo.accept(late);
            }
            throw e;
        } finally {
            pending.remove(id);
        }
    }

    /**
     * Sends a request and waits for its response without being interruptible: for operations that never park.
     *
     * @param objectId the target object
     * @param op the operation
     * @param args the arguments
     * @return the response (never FAILED: failures are thrown)
     */
    public Response callQuick(long objectId, byte op, byte[] args) {
        readPostFailures();
        throwDeferred(objectId);
        long id = ids.incrementAndGet();
        Pending p = new Pending();
        pending.put(id, p);
        try {
            send(Wire.request(id, objectId, op, (byte) 0, Thread.currentThread().getId(), args), id, true);
            return awaitUninterruptibly(p).orThrow();
        } finally {
            pending.remove(id);
        }
    }

    /**
     * @param objectId the target object
     * @param op the operation
     * @return the response of an operation without arguments that never parks
     */
    public Response callQuick(long objectId, byte op) {
        return callQuick(objectId, op, NO_ARGS);
    }

    /**
     * Sends a request without waiting for an answer, written to the connection before this method returns; a
     * failure surfaces at this object's next call.
     *
     * @param objectId the target object
     * @param op the operation
     * @param args the arguments
     */
    public void post(long objectId, byte op, byte[] args) {
        readPostFailures();
        throwDeferred(objectId);
        send(Wire.request(-objectId, objectId, op, Wire.NO_REPLY, Thread.currentThread().getId(), args), 0, true);
        postedSinceRead = true;
    }

    /**
     * Sends a request without waiting for an answer, written to the connection before this method returns, as
     * {@link #post}, but without looking for earlier failures first: for a frame sent on every take of a
     * leased item, where that look would cost a system call each time. A failure of it surfaces at this
     * object's next call.
     *
     * @param objectId the target object
     * @param op the operation
     * @param args the arguments
     */
    public void postUnchecked(long objectId, byte op, byte[] args) {
        send(Wire.request(-objectId, objectId, op, Wire.NO_REPLY, Thread.currentThread().getId(), args), 0, true);
    }

    /**
     * Sends a request without waiting for an answer, and without waiting for it to be written: to another
     * process's server, it goes out with the next write of this connection, which a flusher thread makes soon
     * (in the owner itself this is {@link #post}). A failure surfaces at this object's next call.
     *
     * @param objectId the target object
     * @param op the operation
     * @param args the arguments
     */
    public void postLazy(long objectId, byte op, byte[] args) {
        if (remote == null) {
            post(objectId, op, args);
            return;
        }
        throwDeferred(objectId);
        send(Wire.request(-objectId, objectId, op, Wire.NO_REPLY, Thread.currentThread().getId(), args), 0, false);
        postedSinceRead = true;
        wakeFlusher();
    }

    /**
     * Posts an item lazily, as {@link #postLazy}, in a batched frame: if the last frame in the outgoing buffer is
     * a batch of the same op for the same object with room left, the item is appended to it, else it starts a
     * new one. Only the last frame is ever extended, so frames and items leave in exactly the order they were
     * handed in. The frame's arguments are the items, each preceded by its 4-byte length; in the owner itself
     * the frame carries just this item.
     *
     * @param objectId the target object
     * @param op the batched operation
     * @param item the item
     */
    public void postBatched(long objectId, byte op, byte[] item) {
        if (remote == null) {
            post(objectId, op, ByteBuffer.allocate(4 + item.length).putInt(item.length).put(item).array());
            return;
        }
        throwDeferred(objectId);
        String closed = closedReason;
        if (closed != null) {
            throw new MprocException(closed);
        }
        synchronized (outLock) {
            // Plain array writes: this runs once per put, often in a child compiled by C1 only.
            ByteBuffer b = out;
            int start = batchStart;
            boolean append = start >= 0 && batchObject == objectId && batchOp == op
                    && b.position() - start - 4 - Wire.REQUEST_HEADER + 4 + item.length <= BATCH_BYTES;
            if (append) {
                ensureRoom(4 + item.length);
            } else {
                ensureRoom(4 + Wire.REQUEST_HEADER + 4 + item.length);
                b = out;
                start = b.position();
                batchStart = start;
                batchObject = objectId;
                batchOp = op;
                b.putInt(0).putLong(-objectId).putLong(objectId).put(op).put(Wire.NO_REPLY)
                        .putLong(Thread.currentThread().getId());
            }
            b = out;
            byte[] a = b.array();
            int at = b.arrayOffset() + b.position();
            putInt(a, at, item.length);
            System.arraycopy(item, 0, a, at + 4, item.length);
            b.position(b.position() + 4 + item.length);
            putInt(a, b.arrayOffset() + start, b.position() - start - 4);
            outBytes = b.position();
        }
        postedSinceRead = true;
        wakeFlusher();
    }

    /**
     * Writes every frame buffered so far; returns once they are written.
     *
     * @throws MprocException if the connection is broken
     */
    public void flush() {
        if (remote != null) {
            send(null, 0, true);
        }
    }

    private void send(byte[] frame, long id, boolean write) {
        String closed = closedReason;
        if (closed != null) {
            pending.remove(id);
            throw new MprocException(closed);
        }
        try {
            if (remote == null) {
                link.send(frame);
                return;
            }
            if (frame != null) {
                enqueue(frame);
            }
            if (write) {
                writeBuffered();
            }
        } catch (java.io.IOException e) {
            pending.remove(id);
            connectionLost("cannot reach the owner of the shared object at " + address + ": " + e.getMessage());
            throw new MprocException(closedReason, e);
        }
    }

    private void sendQuietly(byte[] frame) {
        try {
            if (remote == null) {
                link.send(frame);
            } else {
                enqueue(frame);
                writeBuffered();
            }
        } catch (java.io.IOException e) {
            connectionLost("lost the connection to " + address + ": " + e.getMessage());
        }
    }

    // ---- the outgoing buffer (remote only) ----------------------------------------------------------------

    private void enqueue(byte[] frame) {
        synchronized (outLock) {
            ensureRoom(4 + frame.length);
            ByteBuffer b = out;
            b.putInt(frame.length).put(frame);
            batchStart = -1;
            outBytes = b.position();
        }
    }

    private static void putInt(byte[] a, int at, int v) {
        a[at] = (byte) (v >>> 24);
        a[at + 1] = (byte) (v >>> 16);
        a[at + 2] = (byte) (v >>> 8);
        a[at + 3] = (byte) v;
    }

    /** Under {@link #outLock}: makes {@link #out} able to take {@code bytes} more, keeping what it holds. */
    private void ensureRoom(int bytes) {
        ByteBuffer b = out;
        if (b.remaining() < bytes) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, b.position() + bytes));
            b.flip();
            bigger.put(b);
            out = bigger;
        }
    }

    /** Writes what the buffer holds; buffers are taken and written under one lock, so they leave in order. */
    private void writeBuffered() throws java.io.IOException {
        writeLock.lock();
        try {
            ByteBuffer b;
            synchronized (outLock) {
                b = out;
                if (b.position() == 0) {
                    return;
                }
                ByteBuffer next = spare;
                spare = null;
                out = next != null ? next : ByteBuffer.allocate(8 * 1024);
                outBytes = 0;
                batchStart = -1;
            }
            b.flip();
            remote.writeFramed(b);
            if (b.capacity() <= KEEP_BUFFER_BYTES) {
                b.clear();
                synchronized (outLock) {
                    spare = b;
                }
            }
        } finally {
            writeLock.unlock();
        }
    }

    private void wakeFlusher() {
        Thread f = flusher;
        if (f == null) {
            synchronized (outLock) {
                if (flusher == null) {
                    flusher = new Thread(this::flushLoop, "mproc-objects-flusher-" + address);
                    flusher.setDaemon(true);
                    flusher.start();
                }
            }
        } else if (flusherParked) {
            LockSupport.unpark(f);
        }
    }

    /** The flusher: writes lazy posts as they come, lingering briefly for more before it parks. */
    private void flushLoop() {
        while (closedReason == null) {
            if (outBytes > 0) {
                try {
                    writeBuffered();
                } catch (java.io.IOException e) {
                    connectionLost("cannot reach the owner of the shared objects at " + address + ": "
                            + e.getMessage());
                    return;
                }
                readPostFailures();
                continue;
            }
            long until = System.nanoTime() + LINGER_NANOS;
            while (outBytes == 0 && LINGER_NANOS > 0 && System.nanoTime() - until < 0) {
                Thread.onSpinWait();
            }
            if (outBytes > 0) {
                continue;
            }
            flusherParked = true;
            if (outBytes == 0 && closedReason == null) {
                LockSupport.park(this);
            }
            flusherParked = false;
        }
    }

    // ---- reading responses ----------------------------------------------------------------------------------

    /**
     * Reads the responses that have arrived, without waiting, if posts went out since a reader last looked and
     * nobody is reading: so that a post's failure surfaces at the object's next call.
     */
    private void readPostFailures() {
        if (remote == null || !postedSinceRead) {
            return;
        }
        synchronized (monitor) {
            if (reading) {
                return;
            }
            reading = true;
        }
        try {
            postedSinceRead = false;
            byte[] frame;
            while ((frame = remote.receiveNow()) != null) {
                onResponse(frame);
            }
        } catch (java.io.IOException e) {
            connectionLost("the owner of the shared objects at " + address + " is gone (" + e.getMessage() + ")");
        } finally {
            synchronized (monitor) {
                reading = false;
                monitor.notifyAll();
            }
        }
    }

    private Response awaitUninterruptibly(Pending p) {
        boolean interrupted = false;
        while (true) {
            try {
                Response r = await(p, false);
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return r;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }

    /**
     * Waits for a response: reads the socket while no other thread does, for up to {@link #READ_WINDOW_NANOS};
     * after that, or while another thread reads, waits (in state {@code WAITING}) to be handed the response.
     */
    private Response await(Pending p, boolean interruptible) throws InterruptedException {
        boolean interrupted = false;
        try {
            while (true) {
                synchronized (monitor) {
                    while (p.response == null && (reading || remote == null || p.parked)) {
                        try {
                            monitor.wait();
                        } catch (InterruptedException e) {
                            if (interruptible) {
                                unpark(p);
                                throw e;
                            }
                            interrupted = true;
                        }
                    }
                    if (p.response != null) {
                        return p.response;
                    }
                    reading = true;
                }
                boolean timedOut = false;
                try {
                    timedOut = readUntil(p, interruptible);
                } finally {
                    synchronized (monitor) {
                        reading = false;
                        if (timedOut && p.response == null) {
                            p.parked = true;
                            parkedCallers++;
                            startReader();
                        }
                        monitor.notifyAll();
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Under the monitor: {@code p}'s caller stops waiting for the reader thread. */
    private void unpark(Pending p) {
        if (p.parked) {
            p.parked = false;
            parkedCallers--;
        }
    }

    /** Under the monitor: makes sure the reader thread exists; it reads while callers are parked. */
    private void startReader() {
        if (reader == null) {
            reader = new Thread(this::readLoop, "mproc-objects-" + address);
            reader.setDaemon(true);
            reader.start();
        }
    }

    /** The reader thread: reads for parked callers, and only while there are any. */
    private void readLoop() {
        while (closedReason == null) {
            synchronized (monitor) {
                while ((parkedCallers == 0 || reading) && closedReason == null) {
                    try {
                        monitor.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closedReason != null) {
                    return;
                }
                reading = true;
            }
            try {
                while (true) {
                    byte[] frame = remote.receive(false, 0, -1);
                    onResponse(frame);
                    synchronized (monitor) {
                        if (parkedCallers == 0) {
                            break;
                        }
                    }
                }
            } catch (java.io.IOException e) {
                connectionLost("the owner of the shared objects at " + address + " is gone (" + e.getMessage()
                        + ")");
            } finally {
                synchronized (monitor) {
                    reading = false;
                    monitor.notifyAll();
                }
            }
        }
    }

    /**
     * As the reader: reads and delivers frames until {@code p} is answered, or until the read window passed
     * without a frame.
     *
     * @return whether the window passed
     */
    private boolean readUntil(Pending p, boolean interruptible) throws InterruptedException {
        postedSinceRead = false;
        long deadline = System.nanoTime() + READ_WINDOW_NANOS;
        while (p.response == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            byte[] frame;
            try {
                frame = remote.receive(interruptible, SPIN_NANOS, left);
            } catch (java.io.IOException e) {
                connectionLost("the owner of the shared objects at " + address + " is gone (" + e.getMessage()
                        + ")");
                return false;
            }
            if (frame == null) {
                throw new InterruptedException();
            }
            if (frame == TIMED_OUT) {
                return true;
            }
            onResponse(frame);
        }
        return false;
    }

    private void throwDeferred(long objectId) {
        Response r = deferredFailures.remove(objectId);
        if (r != null) {
            r.orThrow();
        }
    }

    /**
     * Delivers a response frame; called by the reader.
     *
     * @param frame the response
     */
    public void onResponse(byte[] frame) {
        ByteBuffer b = ByteBuffer.wrap(frame);
        long id = b.getLong();
        byte status = b.get();
        Response r = new Response(status, b.slice());
        if (id < 0) {
            deferredFailures.put(-id, r);
            return;
        }
        Pending p = pending.get(id);
        if (p != null) {
            complete(p, r);
        }
    }

    private void complete(Pending p, Response r) {
        synchronized (monitor) {
            if (p.response == null) {
                p.response = r;
                unpark(p);
                monitor.notifyAll();
            }
        }
    }

    /**
     * The connection is gone (the owner exited or died): every waiting call fails, and so does every later one.
     *
     * @param reason why, for messages
     */
    public void connectionLost(String reason) {
        if (closedReason == null) {
            closedReason = reason;
        }
        Response failure = new Response(Wire.FAILED, ByteBuffer.wrap(Wire.error(Wire.ERR_GONE, closedReason)));
        for (Pending p : pending.values()) {
            complete(p, failure);
        }
        Thread f = flusher;
        if (f != null) {
            LockSupport.unpark(f);
        }
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    /** @return whether the connection is gone */
    public boolean isClosed() {
        return closedReason != null;
    }
}
