package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.ipc.netty.internal.Wire;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * One end of a pipe at its owner: the messages waiting to be received by this end (its inbox), the requests
 * parked on it, and who holds handles to it. The two ends of a pipe are two objects, each with its own id, linked
 * to each other; a message sent through an end goes into its peer's inbox.
 *
 * <h2>Handles</h2>
 * An end stays open while some process holds a handle to it, as a file descriptor shared by several processes
 * does. Each decoded proxy is one handle, counted per session ({@link #ADOPT}, {@link #CLOSE}); a session that
 * ends gives back all its handles. A handle being passed to another process is counted too, from the moment it
 * is encoded ({@link #TICKET}) until the receiver decodes it and adopts the ticket, so a parent may close its
 * copy right after starting the child that it gave the end to. A ticket that is never adopted (the bytes were
 * never decoded: the child was killed while booting, or could not be launched) is charged to the process that
 * encoded it and lasts as long as that process. Once no handle and no ticket is left, the end is closed
 * everywhere for good: its peer receives end of file after draining, and a send to it fails.
 *
 * <h2>Messages</h2>
 * Each stored message is already the payload of a {@link #RECV} answer: a tag byte ({@link #MESSAGE}) and the
 * message bytes, so delivering it copies nothing more. Senders that post ({@link #SEND}) are not answered; a
 * sender that has posted a window's worth of bytes without hearing back sends {@link #SEND_WAIT}, which waits
 * here until the peer's inbox holds at most {@link #INBOX_LIMIT} bytes, so a fast sender cannot fill the owner's
 * memory: that is the pipe's buffer being full.
 *
 * <h2>Threads</h2>
 * Unlike other server objects, a pipe is also used directly by the threads of its owner: the handles the owner
 * created call the {@code ...Direct} methods, so the owner's side of a pipe costs no hop through the event loop
 * when it needs no wait (a message is there, or there is room to send). The state of both ends is therefore
 * guarded by one lock per pipe. Parked requests are answered on the event loop only, because sessions are not
 * thread-safe, and never under the lock: an answer may wake an owner's thread, which would at once contend for
 * the lock. So answers are collected while the lock is held and sent after it is released.
 */
public final class ConnectionObject implements ServerObject {

    /** Op: deliver a message (argument: the message), posted without reply. */
    public static final byte SEND = 10;
    /** Op: deliver a message once the peer's inbox has room; answers OK when delivered. */
    public static final byte SEND_WAIT = 11;
    /** Op: take the next message, waiting until one arrives; answers {@link #MESSAGE} + bytes or {@link #EOF}. */
    public static final byte RECV = 12;
    /** Op: wait until a receive would not wait (argument: timeout); answers OK or TIMEOUT. */
    public static final byte POLL = 13;
    /** Op: the sending session holds one more handle (argument: the ticket it came with, 0 if none). */
    public static final byte ADOPT = 14;
    /** Op: a handle is being encoded for another process; answers the ticket (8 bytes) that keeps it counted. */
    public static final byte TICKET = 15;
    /** Op: the sending session closed one handle; posted without reply. */
    public static final byte CLOSE = 16;
    /** Op: put back at the head a message whose receiver was interrupted (argument: the message). */
    public static final byte PUSH_BACK = 17;
    /** Op: {@link #SEND} from a handle of the owner that goes through the event loop (see {@link #sendDirect}). */
    public static final byte SEND_OWNER = 18;

    /** {@link #sendDirect} delivered the message. */
    static final int SENT = 0;
    /** {@link #sendDirect} did not deliver: post {@link #SEND_OWNER}. */
    static final int POST = 1;
    /** {@link #sendDirect} did not deliver: the peer's inbox is full, send {@link #SEND_WAIT}. */
    static final int WAIT = 2;

    /** Tag of a {@link #RECV} answer carrying a message. */
    public static final byte MESSAGE = 0;
    /** Tag of a {@link #RECV} answer saying end of file. */
    public static final byte EOF = 1;

    /** Start of the message of a failure meaning "the peer end is closed everywhere"; proxies recognise it. */
    public static final String BROKEN_PIPE = "broken pipe";

    /** Bytes an inbox may hold before senders that ask for room wait. */
    public static final long INBOX_LIMIT = 1 << 20;

    /** Bytes a stored message costs beyond its content, so that a stream of empty messages is bounded too. */
    public static final int MESSAGE_OVERHEAD = 64;

    private static final byte[] EOF_PAYLOAD = {EOF};
    private static final byte[] EMPTY = new byte[0];

    /** Who holds the handles that the owner's threads use directly (they have no session). */
    private static final Object OWNER = new Object();

    /** A {@link #SEND_WAIT} waiting for room in the peer's inbox. */
    private record BlockedSend(Request request, byte[] message) {
    }

    /** An answer decided under the lock, to be sent after it is released. */
    private record Answer(Request request, byte status, byte[] payload) {
    }

    /** What the two ends share: the lock (the object itself), and the answers decided under it. */
    private static final class Shared {
        private final ObjectServer server;
        private List<Answer> answers;

        Shared(ObjectServer server) {
            this.server = server;
        }

        /** Under the lock: takes the answers decided so far. */
        List<Answer> drain() {
            List<Answer> a = answers;
            answers = null;
            return a;
        }

        /** After the lock: sends them, on the event loop. */
        void send(List<Answer> a) {
            if (a == null) {
                return;
            }
            if (server.loop().inEventLoop()) {
                sendNow(a);
                return;
            }
            try {
                server.loop().execute(() -> sendNow(a));
            } catch (RejectedExecutionException e) {
                // The owner's context is closing: its sessions, and the requests parked by them, are going away.
            }
        }

        private static void sendNow(List<Answer> a) {
            for (Answer x : a) {
                x.request().reply(x.status(), x.payload());
            }
        }
    }

    private final ObjectServer server;
    private final Shared shared;
    private final String name;
    private final boolean readable;
    private final boolean writable;
    private ConnectionObject peer;

    private final ArrayDeque<byte[]> inbox = new ArrayDeque<>();
    private long inboxBytes;
    /** The inbox's size, readable without the lock by an owner's thread deciding whether to keep spinning. */
    private volatile int inboxCount;
    private final ArrayDeque<Request> receivers = new ArrayDeque<>();
    private final List<Request> pollers = new ArrayList<>();
    private final ArrayDeque<BlockedSend> blockedSends = new ArrayDeque<>();
    /**
     * {@link #SEND_OWNER}s posted and not handled yet: until they are, the owner's sends and closes queue behind
     * them.
     */
    private int ownerSendsInFlight;
    /** Owner's handles closed while its sends were in flight, to be given back once the last one landed. */
    private int ownerClosesHeldBack;

    /** Open handles by holder: a {@link Session}, or {@link #OWNER}. */
    private final Map<Object, Integer> handles = new HashMap<>();
    /** Handles on their way to another process, by ticket, with the holder that encoded them. */
    private final Map<Long, Object> tickets = new HashMap<>();
    private long nextTicket = 1;
    private volatile boolean closedEverywhere;
    private volatile boolean disposed;

    private ConnectionObject(ObjectServer server, Shared shared, String name, boolean readable, boolean writable) {
        this.server = server;
        this.shared = shared;
        this.name = name;
        this.readable = readable;
        this.writable = writable;
    }

    /**
     * Creates the two linked ends of a new pipe.
     *
     * @param server the owner's server, for timers and answers
     * @param duplex whether both ends send and receive; otherwise the first end only receives and the second
     *     only sends
     * @return the two ends, in {@link dev.mproc.pipe.Pipe}'s order
     */
    public static ConnectionObject[] pair(ObjectServer server, boolean duplex) {
        Shared shared = new Shared(server);
        ConnectionObject left = new ConnectionObject(server, shared, duplex ? "left end" : "reader", true, duplex);
        ConnectionObject right = new ConnectionObject(server, shared, duplex ? "right end" : "writer", duplex, true);
        left.peer = right;
        right.peer = left;
        return new ConnectionObject[] {left, right};
    }

    // ---- requests from sessions, on the event loop -------------------------------------------------------

    @Override
    public void handle(Request request, byte op, ByteBuffer args) {
        // Copied before taking the lock: a message may be tens of MiB.
        byte[] message = op == SEND || op == SEND_WAIT || op == SEND_OWNER || op == PUSH_BACK ? stored(args) : null;
        List<Answer> out;
        synchronized (shared) {
            switch (op) {
                case SEND, SEND_WAIT -> send(request, message, op == SEND_WAIT);
                case SEND_OWNER -> {
                    send(request, message, false);
                    ownerSendLanded();
                }
                case RECV -> recv(request);
                case POLL -> poll(request, args.getLong());
                case ADOPT -> {
                    adopt(request.session(), args.getLong());
                    ok(request, EMPTY);
                }
                case TICKET -> ok(request, ByteBuffer.allocate(8).putLong(ticket(request.session())).array());
                case CLOSE -> {
                    release(request.session());
                    ok(request, EMPTY);
                }
                case PUSH_BACK -> {
                    pushBack(message);
                    ok(request, EMPTY);
                }
                default -> fail(request, Wire.ERR_PROTOCOL, "a pipe end has no op " + op);
            }
            out = shared.drain();
        }
        shared.send(out);
    }

    private void send(Request request, byte[] message, boolean waitForRoom) {
        if (!writable) {
            fail(request, Wire.ERR_ILLEGAL_STATE, "connection is read-only");
        } else if (peer.closedEverywhere) {
            fail(request, Wire.ERR_EOF, brokenPipe());
        } else if (waitForRoom && mustWaitForRoom()) {
            blockedSends.add(new BlockedSend(request, message));
        } else {
            peer.deliver(message);
            ok(request, EMPTY);
        }
    }

    private void recv(Request request) {
        if (!readable) {
            fail(request, Wire.ERR_ILLEGAL_STATE, "connection is write-only");
            return;
        }
        byte[] message = take();
        if (message != null) {
            ok(request, message);
        } else {
            receivers.add(request);
        }
    }

    private void poll(Request request, long nanos) {
        if (!readable) {
            fail(request, Wire.ERR_ILLEGAL_STATE, "connection is write-only");
        } else if (ready()) {
            ok(request, EMPTY);
        } else if (nanos == 0) {
            answer(request, Wire.TIMEOUT, EMPTY);
        } else {
            pollers.add(request);
            server.park(request, nanos, () -> {
                List<Answer> out;
                synchronized (shared) {
                    if (pollers.remove(request)) {
                        answer(request, Wire.TIMEOUT, EMPTY);
                    }
                    out = shared.drain();
                }
                shared.send(out);
            });
        }
    }

    @Override
    public void cancel(Session session, long requestId) {
        List<Answer> out;
        synchronized (shared) {
            cancelIn(receivers.iterator(), session, requestId);
            cancelIn(pollers.iterator(), session, requestId);
            for (Iterator<BlockedSend> it = blockedSends.iterator(); it.hasNext();) {
                Request r = it.next().request();
                if (r.session() == session && r.id() == requestId) {
                    it.remove();
                    answer(r, Wire.CANCELLED, EMPTY);
                }
            }
            // A cancelled send may have been the one holding back those behind it.
            admitBlockedSends();
            out = shared.drain();
        }
        shared.send(out);
    }

    private void cancelIn(Iterator<Request> it, Session session, long requestId) {
        while (it.hasNext()) {
            Request r = it.next();
            if (r.session() == session && r.id() == requestId) {
                it.remove();
                answer(r, Wire.CANCELLED, EMPTY);
            }
        }
    }

    @Override
    public void sessionClosed(Session session) {
        List<Answer> out;
        synchronized (shared) {
            receivers.removeIf(r -> r.session() == session);
            pollers.removeIf(r -> r.session() == session);
            blockedSends.removeIf(b -> b.request().session() == session);
            admitBlockedSends();
            boolean held = handles.remove(session) != null;
            boolean ticketed = tickets.values().removeIf(s -> s == session);
            if (held || ticketed) {
                closeIfUnheld();
            }
            out = shared.drain();
        }
        shared.send(out);
    }

    @Override
    public void dispose() {
        List<Answer> out;
        synchronized (shared) {
            disposed = true;
            failParked("the pipe was disposed", Wire.ERR_NO_SUCH_OBJECT);
            clearInbox();
            out = shared.drain();
        }
        shared.send(out);
    }

    // ---- direct calls from the owner's own handles, on any of its threads ---------------------------------

    /** The owner holds one more handle: one it just created. */
    void adoptDirect() {
        synchronized (shared) {
            adopt(OWNER, 0);
        }
    }

    /**
     * An owner's handle was closed. If sends of the owner's are still on their way through the event loop, the
     * handle is given back only once they have landed: were it the end's last, the peer's end of file would
     * otherwise overtake them, and a receiver parked at the peer would see end of file before messages that were
     * sent before the close.
     */
    void closeDirect() {
        List<Answer> out;
        synchronized (shared) {
            if (ownerSendsInFlight > 0) {
                ownerClosesHeldBack++;
                return;
            }
            release(OWNER);
            out = shared.drain();
        }
        shared.send(out);
    }

    /**
     * A {@link #SEND_OWNER} that {@link #sendDirect} asked for could not be posted (the caller got the failure):
     * it will never land.
     */
    void ownerSendNotPosted() {
        List<Answer> out;
        synchronized (shared) {
            ownerSendLanded();
            out = shared.drain();
        }
        shared.send(out);
    }

    /**
     * @return a ticket counting an owner's handle that is being passed to another process
     * @throws IOException if the pipe was disposed
     */
    long ticketDirect() throws IOException {
        synchronized (shared) {
            requireNotDisposed();
            return ticket(OWNER);
        }
    }

    /**
     * Sends a message if that needs neither a wait nor the event loop. A receiver parked at the peer must be
     * answered on the event loop anyway; handing it the message there, in a posted {@link #SEND_OWNER}, measured
     * faster for request and reply between processes sharing one processor than scheduling the answer from here.
     * The owner's later sends queue behind such a post until the event loop has handled it, to keep their order;
     * so do the closes of the owner's handles of this end (see {@link #closeDirect}).
     *
     * @param message the message with its tag, as {@link #stored(ByteBuffer)} makes it
     * @return {@link #SENT}, {@link #POST} or {@link #WAIT}
     * @throws IOException if the peer end is closed everywhere (a message starting with {@link #BROKEN_PIPE}), or
     *     the pipe was disposed
     */
    int sendDirect(byte[] message) throws IOException {
        List<Answer> out;
        synchronized (shared) {
            requireNotDisposed();
            if (peer.closedEverywhere) {
                throw new IOException(brokenPipe());
            }
            if (ownerSendsInFlight > 0 || !peer.receivers.isEmpty()) {
                if (peer.inboxBytes > INBOX_LIMIT) {
                    return WAIT; // behind the posts in flight, as SEND_WAIT travels the same way
                }
                ownerSendsInFlight++;
                return POST;
            }
            if (mustWaitForRoom()) {
                return WAIT;
            }
            peer.deliver(message);
            out = shared.drain(); // pollers woken, if any
        }
        shared.send(out);
        return SENT;
    }

    /**
     * Takes the next message if one is there.
     *
     * @return a {@link #RECV} answer's payload (a message or end of file), or {@code null} if the caller must wait
     * @throws IOException if the pipe was disposed
     */
    byte[] recvDirect() throws IOException {
        byte[] message;
        List<Answer> out;
        synchronized (shared) {
            requireNotDisposed();
            message = take();
            out = shared.drain();
        }
        shared.send(out);
        return message;
    }

    /**
     * @return whether a receive would not wait
     * @throws IOException if the pipe was disposed
     */
    boolean readyDirect() throws IOException {
        synchronized (shared) {
            requireNotDisposed();
            return ready();
        }
    }

    /**
     * Tells, without the lock, whether a message or end of file may be waiting: for a thread spinning briefly
     * before it parks a receive.
     *
     * @return {@code true} if a receive might not wait
     */
    boolean mayBeReady() {
        return inboxCount > 0 || peer.closedEverywhere || disposed;
    }

    /**
     * Puts back a message granted to an owner's receiver that was interrupted meanwhile.
     *
     * @param message the message with its tag
     */
    void pushBackDirect(byte[] message) {
        List<Answer> out;
        synchronized (shared) {
            pushBack(message);
            out = shared.drain();
        }
        shared.send(out);
    }

    private void requireNotDisposed() throws IOException {
        if (disposed) {
            throw new IOException("the pipe was closed with the context of its owner");
        }
    }

    // ---- the state, under the lock --------------------------------------------------------------------------

    /**
     * Copies a message out of a request frame into the form it is stored in: a {@link #RECV} answer.
     *
     * @param args the message
     * @return the tag and the message
     */
    static byte[] stored(ByteBuffer args) {
        byte[] message = new byte[1 + args.remaining()];
        message[0] = MESSAGE;
        args.get(message, 1, message.length - 1);
        return message;
    }

    private static long cost(byte[] stored) {
        return stored.length - 1 + MESSAGE_OVERHEAD;
    }

    private String brokenPipe() {
        return BROKEN_PIPE + ": the peer of the pipe's " + name + " is closed in every process";
    }

    private void answer(Request request, byte status, byte[] payload) {
        if (shared.answers == null) {
            shared.answers = new ArrayList<>(2);
        }
        shared.answers.add(new Answer(request, status, payload));
    }

    private void ok(Request request, byte[] payload) {
        answer(request, Wire.OK, payload);
    }

    private void fail(Request request, byte kind, String message) {
        answer(request, Wire.FAILED, Wire.error(kind, message));
    }

    private boolean mustWaitForRoom() {
        return !blockedSends.isEmpty() || peer.inboxBytes > INBOX_LIMIT;
    }

    private boolean ready() {
        return !inbox.isEmpty() || peer.closedEverywhere;
    }

    /** @return the next message, end of file, or {@code null} if a receiver must wait */
    private byte[] take() {
        byte[] message = inbox.poll();
        if (message != null) {
            inboxBytes -= cost(message);
            inboxCount--;
            peer.admitBlockedSends();
            return message;
        }
        return peer.closedEverywhere ? EOF_PAYLOAD : null;
    }

    /** A message for this end arrived from the peer. */
    private void deliver(byte[] message) {
        Request receiver = receivers.poll();
        if (receiver != null) {
            ok(receiver, message);
            return;
        }
        inbox.add(message);
        inboxBytes += cost(message);
        inboxCount++;
        wakePollers();
    }

    private void pushBack(byte[] message) {
        Request receiver = receivers.poll();
        if (receiver != null) {
            ok(receiver, message);
        } else if (!closedEverywhere) {
            inbox.addFirst(message);
            inboxBytes += cost(message);
            inboxCount++;
            wakePollers();
        }
    }

    private void clearInbox() {
        inbox.clear();
        inboxBytes = 0;
        inboxCount = 0;
    }

    private void wakePollers() {
        for (Request p : pollers) {
            ok(p, EMPTY);
        }
        pollers.clear();
    }

    /** The peer's inbox shrank: deliver the sends that waited for room, in order. */
    private void admitBlockedSends() {
        while (!blockedSends.isEmpty() && peer.inboxBytes <= INBOX_LIMIT) {
            BlockedSend b = blockedSends.poll();
            peer.deliver(b.message());
            ok(b.request(), EMPTY);
        }
    }

    /** Under the lock: one of the owner's posted sends is done with; the closes held back behind them apply. */
    private void ownerSendLanded() {
        ownerSendsInFlight--;
        if (ownerSendsInFlight == 0) {
            for (; ownerClosesHeldBack > 0; ownerClosesHeldBack--) {
                release(OWNER);
            }
        }
    }

    private void adopt(Object holder, long ticket) {
        handles.merge(holder, 1, Integer::sum);
        if (ticket != 0) {
            tickets.remove(ticket);
        }
    }

    private long ticket(Object holder) {
        long ticket = nextTicket++;
        tickets.put(ticket, holder);
        return ticket;
    }

    private void release(Object holder) {
        Integer held = handles.get(holder);
        if (held == null) {
            return;
        }
        if (held == 1) {
            handles.remove(holder);
        } else {
            handles.put(holder, held - 1);
        }
        closeIfUnheld();
    }

    /** After a handle or ticket went away: if none is left, this end is closed everywhere, for good. */
    private void closeIfUnheld() {
        if (closedEverywhere || !handles.isEmpty() || !tickets.isEmpty()) {
            return;
        }
        closedEverywhere = true;
        // Requests still parked here come from threads whose handle was closed under them.
        failParked("handle is closed: the pipe's " + name + " was closed in every process", Wire.ERR_CLOSED);
        // Nobody can receive what waits here any more.
        clearInbox();
        for (BlockedSend b : peer.blockedSends) {
            fail(b.request(), Wire.ERR_EOF, peer.brokenPipe());
        }
        peer.blockedSends.clear();
        if (peer.inbox.isEmpty()) {
            for (Request r : peer.receivers) {
                ok(r, EOF_PAYLOAD);
            }
            peer.receivers.clear();
        }
        peer.wakePollers();
    }

    private void failParked(String message, byte kind) {
        for (Request r : receivers) {
            fail(r, kind, message);
        }
        receivers.clear();
        for (Request p : pollers) {
            fail(p, kind, message);
        }
        pollers.clear();
        for (BlockedSend b : blockedSends) {
            fail(b.request(), kind, message);
        }
        blockedSends.clear();
    }
}
