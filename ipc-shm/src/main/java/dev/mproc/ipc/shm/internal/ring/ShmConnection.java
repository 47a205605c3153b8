package dev.mproc.ipc.shm.internal.ring;

import dev.mproc.MprocException;
import dev.mproc.ipc.shm.internal.ProcessIdentity;
import dev.mproc.ipc.shm.internal.Segment;
import dev.mproc.pipe.BufferTooShortException;
import dev.mproc.pipe.Connection;
import dev.mproc.pipe.Pipe;
import java.io.EOFException;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.time.Duration;
import java.util.Objects;

/**
 * One handle to one end of a pipe in shared memory. A pipe is one segment:
 * <pre>
 * offset                 size             field
 *      0                 {@link EndTable#SIZE}   END_0   holders of the left end (the reader of a one-way pipe)
 *   {@link #END_1}                          END_1   holders of the right end
 *   {@link #RING_A}                        RING_A  messages to the left end ({@link Ring})
 *   RING_A + ring size    (duplex only)   RING_B  messages to the right end
 * </pre>
 * The left end receives from RING_A and, if duplex, sends into RING_B; the right end the reverse. Messages are
 * records of the ring, whole: a send commits one record (or spills one file, see {@link Ring}), so the peer never
 * sees part of a message and message boundaries are the records'. Concurrent senders serialize on the ring's
 * producer lock, concurrent receivers on its consumer lock.
 *
 * <h2>End of file</h2>
 * Each end's {@link EndTable} counts its open handles and tickets per process. A receive that finds its ring empty
 * checks the peer's table: closed everywhere (the cheap count, or after finding out dead holders on the slow path,
 * once per sleep slice) and still empty means end of file. A send checks the peer's count before committing, so a
 * send to an end closed in every process fails at once; an end whose holders all died is found out when the send
 * has to wait for room, or by a receive or poll, after which every send fails. Closing the last handle signals
 * the peer's waiting receivers and senders.
 *
 * <p>The pipe's segment belongs to the process that created the pipe; once it has exited, calls of other
 * processes fail with {@link IOException}.
 */
public final class ShmConnection implements Connection {
    @Serial
    private static final long serialVersionUID = 1L;

    static final int END_0 = 0;
    static final int END_1 = 1024;
    static final int RING_A = 2048;

    private final String segmentName;
    private final int end;
    private final boolean duplex;
    private final int maxMessage;

    private transient volatile boolean closed;
    /** Whether this handle learnt that the peer is closed everywhere: every send then fails at once. */
    private transient volatile boolean broken;
    private transient volatile State state;

    /** The attached pieces, resolved on first use. */
    private static final class State {
        final Segment segment;
        final EndTable mine;
        final EndTable peer;
        final Ring inbox;
        final Ring outbox;

        State(Segment segment, int end, boolean duplex) {
            this.segment = segment;
            this.mine = new EndTable(segment.data(), end == 0 ? END_0 : END_1);
            this.peer = new EndTable(segment.data(), end == 0 ? END_1 : END_0);
            int ringB = RING_A + Ring.size(segment.data().getInt(RING_A + Ring.BUFFER_BYTES));
            Ring a = new Ring(segment.data(), RING_A, segment.owner());
            Ring b = duplex ? new Ring(segment.data(), ringB, segment.owner()) : null;
            this.inbox = end == 0 ? a : b;
            this.outbox = end == 0 ? b : a;
        }
    }

    private ShmConnection(String segmentName, int end, boolean duplex, int maxMessage) {
        this.segmentName = segmentName;
        this.end = end;
        this.duplex = duplex;
        this.maxMessage = maxMessage;
    }

    /**
     * Creates a pipe owned by this process; this process holds one open handle of each end.
     *
     * @param duplex whether both ends send and receive
     * @param maxMessage the largest message, in bytes (the context's maximum message size)
     * @return the two ends, the reader first for a one-way pipe
     */
    public static Pipe pipe(boolean duplex, int maxMessage) {
        int ring = Ring.size(RingSegments.RING_BYTES);
        Segment s = Segment.create(Segment.Kind.RING, RING_A + (long) ring * (duplex ? 2 : 1));
        Ring.format(s.data(), RING_A, RingSegments.RING_BYTES, Integer.MAX_VALUE, false);
        if (duplex) {
            Ring.format(s.data(), RING_A + ring, RingSegments.RING_BYTES, Integer.MAX_VALUE, false);
        }
        ShmConnection left = new ShmConnection(s.name(), 0, duplex, maxMessage);
        ShmConnection right = new ShmConnection(s.name(), 1, duplex, maxMessage);
        left.state().mine.open();
        right.state().mine.open();
        return new Pipe(left, right);
    }

    private State state() {
        State s = state;
        if (s == null) {
            s = new State(RingSegments.attach(segmentName), end, duplex);
            state = s;
        }
        return s;
    }

    // ---- sending ------------------------------------------------------------------------------------------

    @Override
    public void send(Object value) throws IOException, InterruptedException {
        requireWritable();
        byte[] b = RingSegments.CODEC.encode(value);
        sendMessage(b, 0, b.length);
    }

    @Override
    public void sendBytes(byte[] data) throws IOException, InterruptedException {
        Objects.requireNonNull(data, "data");
        requireWritable();
        sendMessage(data, 0, data.length);
    }

    @Override
    public void sendBytes(byte[] data, int offset, int length) throws IOException, InterruptedException {
        Objects.checkFromIndexSize(offset, length, data.length);
        requireWritable();
        sendMessage(data, offset, length);
    }

    private void sendMessage(byte[] data, int offset, int length) throws IOException, InterruptedException {
        if (length > maxMessage) {
            throw new IllegalArgumentException("a message of " + length + " bytes exceeds the largest the pipe"
                    + " carries, " + maxMessage + " bytes (the context's maximum message size)");
        }
        if (broken) {
            throw brokenPipe();
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        State s = attached();
        boolean sent;
        try {
            sent = s.outbox.put(data, offset, length, Long.MAX_VALUE, s.peer::closedCheap, sliceCheck(s));
        } catch (MprocException e) {
            throw ownerGone(e);
        }
        if (!sent) {
            throw brokenPipe();
        }
    }

    // ---- receiving ----------------------------------------------------------------------------------------

    @Override
    public Object recv() throws IOException, InterruptedException {
        byte[] b = receive();
        return RingSegments.CODEC.decode(b, 0, b.length);
    }

    @Override
    public byte[] recvBytes() throws IOException, InterruptedException {
        return receive();
    }

    @Override
    public int recvBytesInto(byte[] buffer, int offset) throws IOException, InterruptedException {
        Objects.requireNonNull(buffer, "buffer");
        if (offset < 0 || offset > buffer.length) {
            throw new IndexOutOfBoundsException("offset " + offset + " outside a buffer of " + buffer.length);
        }
        requireReadable();
        byte[] m = receive();
        if (m.length > buffer.length - offset) {
            throw new BufferTooShortException("a message of " + m.length + " bytes does not fit the "
                    + (buffer.length - offset) + " bytes from offset " + offset, m);
        }
        System.arraycopy(m, 0, buffer, offset, m.length);
        return m.length;
    }

    private byte[] receive() throws IOException, InterruptedException {
        requireReadable();
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        State s = attached();
        try {
            while (true) {
                byte[] m = s.inbox.take(Long.MAX_VALUE, s.peer::closedCheap, sliceCheck(s));
                if (m != null) {
                    return m;
                }
                // The peer is closed everywhere: what it sent before is still delivered.
                m = s.inbox.poll();
                if (m != null) {
                    return m;
                }
                if (s.peer.closedEverywhere(true)) {
                    broken = true;
                    throw new EOFException(this + ": the peer end is closed in every process");
                }
            }
        } catch (MprocException e) {
            throw ownerGone(e);
        }
    }

    @Override
    public boolean poll() throws IOException {
        requireReadable();
        State s = attached();
        try {
            if (s.inbox.hasRecord()) {
                return true;
            }
            if (s.peer.closedEverywhere(true)) {
                broken = true;
                return true;
            }
            if (!s.segment.owner().isAlive()) {
                throw new IOException(this + ": the pipe's owner " + s.segment.owner() + " has exited");
            }
            return s.inbox.hasRecord();
        } catch (MprocException e) {
            throw ownerGone(e);
        }
    }

    @Override
    public boolean poll(Duration timeout) throws IOException, InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        requireReadable();
        if (poll()) {
            return true;
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        State s = attached();
        Ring r = s.inbox;
        try {
            Waiter.Outcome o = r.dataWaiter.await(r.region(), r.base() + Ring.DATA_SIGNAL,
                    () -> r.hasRecord() || s.peer.closedCheap(),
                    RingSegments.deadline(RingSegments.nanos(timeout)), sliceCheck(s));
            if (o == Waiter.Outcome.TIMED_OUT) {
                return false;
            }
            if (!r.hasRecord()) {
                broken = true;
            }
            return true;
        } catch (MprocException e) {
            throw ownerGone(e);
        }
    }

    /** After each sleep slice: the owner must be alive; stop if the peer's holders have all gone. */
    private Waiter.Check sliceCheck(State s) {
        Waiter.Check owner = RingSegments.ownerAlive(s.segment, this);
        return () -> owner.stop() || s.peer.closedEverywhere(true);
    }

    // ---- state --------------------------------------------------------------------------------------------

    @Override
    public boolean isReadable() {
        return duplex || end == 0;
    }

    @Override
    public boolean isWritable() {
        return duplex || end == 1;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        State s;
        try {
            s = state();
        } catch (MprocException e) {
            return; // the owner is gone, and the pipe with it
        }
        if (s.mine.close()) {
            // Closed everywhere now: wake the peer's receivers (end of file) and senders (broken pipe).
            if (s.outbox != null) {
                Waiter.signal(s.segment.data(), s.outbox.base() + Ring.DATA_SIGNAL);
            }
            if (s.inbox != null) {
                Waiter.signal(s.segment.data(), s.inbox.base() + Ring.SPACE_SIGNAL);
            }
        }
    }

    private State attached() throws IOException {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        try {
            return state();
        } catch (MprocException e) {
            throw ownerGone(e);
        }
    }

    private void requireReadable() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        if (!isReadable()) {
            throw new IllegalStateException("connection is write-only");
        }
    }

    private void requireWritable() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        if (!isWritable()) {
            throw new IllegalStateException("connection is read-only");
        }
    }

    private IOException brokenPipe() {
        broken = true;
        return new IOException(this + ": broken pipe: the peer end is closed in every process");
    }

    private IOException ownerGone(MprocException e) {
        return new IOException(e.getMessage(), e);
    }

    // ---- passing a handle to another process --------------------------------------------------------------

    private void writeObject(ObjectOutputStream out) throws IOException {
        if (closed) {
            throw new NotSerializableException("a closed pipe connection cannot be passed to another process");
        }
        out.defaultWriteObject();
        ProcessIdentity me = ProcessIdentity.current();
        out.writeInt(me.pid());
        out.writeLong(me.startTicks());
        try {
            state().mine.ticket();
        } catch (MprocException e) {
            // The owner is gone: the receiver's handle reports that on use.
        }
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        int pid = in.readInt();
        long start = in.readLong();
        try {
            state().mine.adopt(pid, start);
        } catch (MprocException e) {
            // The owner is gone: the handle reports that on use, decoding it still succeeds.
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShmConnection c && c.segmentName.equals(segmentName) && c.end == end;
    }

    @Override
    public int hashCode() {
        return segmentName.hashCode() * 31 + end;
    }

    @Override
    public String toString() {
        return "Connection[" + segmentName + "#" + end + (duplex ? "" : end == 0 ? ", read-only" : ", write-only")
                + (closed ? ", closed" : "") + "]";
    }
}
