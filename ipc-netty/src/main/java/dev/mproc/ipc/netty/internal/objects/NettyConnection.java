package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.spi.Timeouts;
import dev.mproc.MprocException;
import dev.mproc.internal.codec.DefaultCodec;
import dev.mproc.ipc.netty.internal.Wire;
import dev.mproc.pipe.BufferTooShortException;
import dev.mproc.pipe.Connection;
import java.io.EOFException;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * The proxy of one {@link ConnectionObject}: one handle to one end of a pipe.
 *
 * <h2>In another process than the owner</h2>
 * A send is posted without waiting for the owner (no round trip), so its failure (the peer end closed everywhere)
 * surfaces at this handle's next call once the owner has processed the send, and from then on every send fails at
 * once. To bound what a fast sender can pile up at the owner, a handle that has posted {@link #WINDOW} bytes since
 * it last heard from the owner makes its next send wait for room in the peer's inbox. A receive is one round
 * trip, parked at the owner until a message arrives.
 *
 * <h2>In the owner</h2>
 * The handles the owner created work on the state directly (see {@link ConnectionObject}): a send needs the event
 * loop only when a receiver is parked at the peer (the loop answers it) or the peer's inbox is full, and fails at
 * once on a broken pipe; a receive only when nothing is there yet. Before such a receive parks, it spins briefly
 * if the process has more than one processor and the last wait was short: the answer of a peer in a child often
 * arrives within tens of microseconds, sooner than a parked thread is woken. {@code mproc.pipe.spinNanos} sets
 * the spin (default 50 µs; 0 turns it off).
 *
 * <h2>Passing a handle on</h2>
 * Encoding the proxy counts a new handle at the owner (a ticket); decoding it adopts the ticket for the
 * decoding process, which then holds the handle until it closes it or exits.
 */
public final class NettyConnection extends RemoteObject implements Connection {
    private static final long serialVersionUID = 1L;

    /** Bytes a handle may post before a send waits for room at the owner. */
    static final long WINDOW = ConnectionObject.INBOX_LIMIT;

    /** The largest message: a request frame holding it must fit the frame limit of the object protocol. */
    private static final long MAX_MESSAGE = Integer.getInteger("mproc.maxFrameBytes", 256 << 20)
            - (long) Wire.REQUEST_HEADER - 1;

    private static final DefaultCodec CODEC = DefaultCodec.standard();

    /** How long an owner's receive spins before it parks, in nanoseconds; 0 on a single processor. */
    private static final long SPIN_NANOS = Runtime.getRuntime().availableProcessors() > 1
            ? Long.getLong("mproc.pipe.spinNanos", 50_000) : 0;

    private final boolean readable;
    private final boolean writable;

    private transient volatile boolean closed;
    /** Whether this end learnt that its peer is closed everywhere: every send then fails at once. */
    private transient volatile boolean broken;
    /** Bytes posted since the owner last confirmed room; guarded by {@code this}. */
    private transient long unconfirmed;
    /** The end's state, for the handles the owner created; {@code null} in every other handle. */
    private final transient ConnectionObject local;
    /** How long this handle's last receive that found nothing waited: a long wait means spinning does not pay. */
    private transient volatile long lastWait;

    private NettyConnection(Ref ref, ObjectClient client, boolean readable, boolean writable,
            ConnectionObject local) {
        super(ref, client);
        this.readable = readable;
        this.writable = writable;
        this.local = local;
    }

    /**
     * Builds the owner's own first handle to a new end, counted at the owner.
     *
     * @param ref the end's handle
     * @param client the owner's client
     * @param readable whether the end receives
     * @param writable whether the end sends
     * @param state the end's state, which the owner's handle uses directly
     * @return the handle
     */
    static NettyConnection created(Ref ref, ObjectClient client, boolean readable, boolean writable,
            ConnectionObject state) {
        state.adoptDirect();
        return new NettyConnection(ref, client, readable, writable, state);
    }

    private void adopt(long ticket) {
        client().post(ref.id(), ConnectionObject.ADOPT, ByteBuffer.allocate(8).putLong(ticket).array());
    }

    // ---- sending ------------------------------------------------------------------------------------------

    @Override
    public void send(Object value) throws IOException, InterruptedException {
        requireWritable();
        sendMessage(CODEC.encode(value));
    }

    @Override
    public void sendBytes(byte[] data) throws IOException, InterruptedException {
        Objects.requireNonNull(data, "data");
        requireWritable();
        sendMessage(data);
    }

    @Override
    public void sendBytes(byte[] data, int offset, int length) throws IOException, InterruptedException {
        Objects.checkFromIndexSize(offset, length, data.length);
        requireWritable();
        sendMessage(offset == 0 && length == data.length ? data : Arrays.copyOfRange(data, offset, offset + length));
    }

    private void sendMessage(byte[] message) throws IOException, InterruptedException {
        if (message.length > MAX_MESSAGE) {
            throw new IllegalArgumentException("a message of " + message.length
                    + " bytes exceeds the largest the pipe carries, " + MAX_MESSAGE + " bytes (mproc.maxFrameBytes)");
        }
        if (broken) {
            throw brokenPipe(null);
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        ConnectionObject state = local;
        if (state != null) {
            byte[] stored = new byte[1 + message.length];
            stored[0] = ConnectionObject.MESSAGE;
            System.arraycopy(message, 0, stored, 1, message.length);
            int outcome;
            try {
                outcome = state.sendDirect(stored);
            } catch (IOException e) {
                throw direct(e);
            }
            try {
                if (outcome == ConnectionObject.POST) {
                    postOwnerSend(state, message);
                } else if (outcome == ConnectionObject.WAIT) {
                    sendWaitingForRoom(message);
                }
                return;
            } catch (MprocException e) {
                throw translate(e);
            }
        }
        long cost = message.length + (long) ConnectionObject.MESSAGE_OVERHEAD;
        long postedBefore;
        synchronized (this) {
            postedBefore = unconfirmed;
            if (postedBefore + cost <= WINDOW) {
                unconfirmed = postedBefore + cost;
                postedBefore = -1;
            }
        }
        try {
            if (postedBefore < 0) {
                client().post(ref.id(), ConnectionObject.SEND, message);
                return;
            }
            sendWaitingForRoom(message);
            synchronized (this) {
                unconfirmed = Math.max(0, unconfirmed - postedBefore);
            }
        } catch (MprocException e) {
            throw translate(e);
        }
    }

    /** Posts a send that {@link ConnectionObject#sendDirect} counted as in flight; uncounts it if it is not sent. */
    private void postOwnerSend(ConnectionObject state, byte[] message) {
        boolean posted = false;
        try {
            client().post(ref.id(), ConnectionObject.SEND_OWNER, message);
            posted = true;
        } finally {
            if (!posted) {
                state.ownerSendNotPosted();
            }
        }
    }

    private void sendWaitingForRoom(byte[] message) throws InterruptedException {
        boolean[] delivered = {false};
        try {
            client().call(ref.id(), ConnectionObject.SEND_WAIT, message, granted -> delivered[0] = true);
        } catch (InterruptedException e) {
            if (!delivered[0]) {
                throw e;
            }
            // The message went out before the interruption was noticed: the send completed, the interrupt stays.
            Thread.currentThread().interrupt();
        }
    }

    // ---- receiving ----------------------------------------------------------------------------------------

    @Override
    public Object recv() throws IOException, InterruptedException {
        ByteBuffer m = receive();
        return CODEC.decode(m.array(), m.arrayOffset() + m.position(), m.remaining());
    }

    @Override
    public byte[] recvBytes() throws IOException, InterruptedException {
        ByteBuffer m = receive();
        byte[] b = new byte[m.remaining()];
        m.get(b);
        return b;
    }

    @Override
    public int recvBytesInto(byte[] buffer, int offset) throws IOException, InterruptedException {
        Objects.checkIndex(offset, buffer.length + 1);
        ByteBuffer m = receive();
        int length = m.remaining();
        if (length > buffer.length - offset) {
            byte[] whole = new byte[length];
            m.get(whole);
            throw new BufferTooShortException("a message of " + length + " bytes does not fit the "
                    + (buffer.length - offset) + " bytes left in the buffer after offset " + offset, whole);
        }
        m.get(buffer, offset, length);
        return length;
    }

    /** Takes the next message, as a buffer over the response holding exactly its bytes. */
    private ByteBuffer receive() throws IOException, InterruptedException {
        requireReadable();
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        ByteBuffer p = null;
        ConnectionObject state = local;
        if (state != null) {
            try {
                // Looking first without the lock keeps this thread off it while the event loop holds it.
                byte[] answer = state.mayBeReady() ? state.recvDirect() : null;
                if (answer != null) {
                    p = ByteBuffer.wrap(answer);
                } else {
                    p = spinThenWait(state);
                }
            } catch (IOException e) {
                throw direct(e);
            }
        }
        if (p == null) {
            p = waitForMessage();
        }
        if (p.get() == ConnectionObject.EOF) {
            throw new EOFException("the peer end of the pipe is closed in every process and everything it sent "
                    + "has been received");
        }
        return p.slice();
    }

    /**
     * An owner's receive found nothing: spins briefly if the last such wait was short (the peer answers quickly,
     * so a wake-up would cost more than the spin), then parks at the event loop.
     */
    private ByteBuffer spinThenWait(ConnectionObject state) throws IOException, InterruptedException {
        long start = System.nanoTime();
        if (SPIN_NANOS > 0 && lastWait < 4 * SPIN_NANOS) {
            while (!state.mayBeReady() && System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
            }
            byte[] answer = state.mayBeReady() ? state.recvDirect() : null;
            if (answer != null) {
                lastWait = System.nanoTime() - start;
                return ByteBuffer.wrap(answer);
            }
        }
        ByteBuffer p = waitForMessage();
        lastWait = System.nanoTime() - start;
        return p;
    }

    private ByteBuffer waitForMessage() throws IOException, InterruptedException {
        try {
            return client().call(ref.id(), ConnectionObject.RECV, noArgs(), this::giveBack).payload();
        } catch (MprocException e) {
            throw translate(e);
        }
    }

    /** A message granted to a receiver that was interrupted meanwhile goes back to the head of the inbox. */
    private void giveBack(Response granted) {
        ByteBuffer p = granted.payload().duplicate();
        if (p.get(p.position()) != ConnectionObject.MESSAGE) {
            return;
        }
        ConnectionObject state = local;
        if (state != null) {
            byte[] stored = new byte[p.remaining()];
            p.get(stored);
            state.pushBackDirect(stored);
            return;
        }
        p.get();
        byte[] message = new byte[p.remaining()];
        p.get(message);
        try {
            client().post(ref.id(), ConnectionObject.PUSH_BACK, message);
        } catch (RuntimeException e) {
            // The owner is gone, and the message with it: the caller learns of it at its next call.
        }
    }

    @Override
    public boolean poll() throws IOException {
        requireReadable();
        ConnectionObject state = local;
        if (state != null) {
            try {
                return state.readyDirect();
            } catch (IOException e) {
                throw direct(e);
            }
        }
        try {
            return client().callQuick(ref.id(), ConnectionObject.POLL, WireTimeouts.args(0)).ok();
        } catch (MprocException e) {
            throw translate(e);
        }
    }

    @Override
    public boolean poll(Duration timeout) throws IOException, InterruptedException {
        long nanos = Timeouts.nanos(timeout);
        if (nanos == 0) {
            return poll();
        }
        requireReadable();
        if (local != null && poll()) {
            return true;
        }
        try {
            return client().call(ref.id(), ConnectionObject.POLL, WireTimeouts.args(nanos), null).ok();
        } catch (MprocException e) {
            throw translate(e);
        }
    }

    // ---- state --------------------------------------------------------------------------------------------

    @Override
    public boolean isReadable() {
        return readable;
    }

    @Override
    public boolean isWritable() {
        return writable;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        ConnectionObject state = local;
        if (state != null) {
            state.closeDirect();
            return;
        }
        try {
            client().post(ref.id(), ConnectionObject.CLOSE, noArgs());
        } catch (RuntimeException e) {
            // The owner is gone (and the pipe with it) or a send failed earlier: nothing left to close.
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("handle is closed");
        }
    }

    private void requireReadable() {
        requireOpen();
        if (!readable) {
            throw new IllegalStateException("connection is write-only");
        }
    }

    private void requireWritable() {
        requireOpen();
        if (!writable) {
            throw new IllegalStateException("connection is read-only");
        }
    }

    /**
     * Maps a failure from the owner to the exceptions {@link Connection} documents: a broken pipe and a lost
     * owner are {@link IOException}s; anything else is rethrown.
     */
    private IOException translate(MprocException e) {
        String message = e.getMessage();
        if (message != null && message.startsWith(ConnectionObject.BROKEN_PIPE)) {
            return brokenPipe(e);
        }
        if (client().isClosed()) {
            return new IOException("the pipe is gone with its owner, the process that created it: " + message, e);
        }
        throw e;
    }

    /** A direct call's failure; a broken pipe stays broken for every later send. */
    private IOException direct(IOException e) {
        if (e.getMessage() != null && e.getMessage().startsWith(ConnectionObject.BROKEN_PIPE)) {
            broken = true;
        }
        return e;
    }

    private IOException brokenPipe(MprocException cause) {
        broken = true;
        return new IOException(cause != null ? cause.getMessage()
                : ConnectionObject.BROKEN_PIPE + ": the peer end is closed in every process", cause);
    }

    // ---- passing a handle to another process --------------------------------------------------------------

    private void writeObject(ObjectOutputStream out) throws IOException {
        if (closed) {
            throw new NotSerializableException("a closed pipe connection cannot be passed to another process");
        }
        out.defaultWriteObject();
        out.writeLong(ticket());
    }

    /** Counts the handle being encoded at the owner; 0 if the owner cannot be reached. */
    private long ticket() {
        ConnectionObject state = local;
        if (state != null) {
            try {
                return state.ticketDirect();
            } catch (IOException e) {
                return 0;
            }
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                return client().callQuick(ref.id(), ConnectionObject.TICKET).payload().getLong();
            } catch (MprocException e) {
                String message = e.getMessage();
                if (message == null || !message.startsWith(ConnectionObject.BROKEN_PIPE)) {
                    break; // the owner is gone: the receiver's handle will report it on use
                }
                // A failed send of this handle surfaced here: keep it for the next send, and ask again.
                broken = true;
            } catch (RuntimeException e) {
                break;
            }
        }
        return 0;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        long ticket = in.readLong();
        try {
            adopt(ticket);
        } catch (RuntimeException e) {
            // The owner cannot be reached: the handle reports that on use, decoding it still succeeds.
        }
    }

    @Override
    public String toString() {
        return "Connection[" + ref.address() + "#" + ref.id() + (readable ? (writable ? "" : ", read-only")
                : ", write-only") + (closed ? ", closed" : "") + "]";
    }
}
