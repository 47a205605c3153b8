package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.ipc.netty.internal.Wire;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

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
 * never decoded) is charged to the session that encoded it and lasts as long as that session. Once no handle and
 * no ticket is left, the end is closed everywhere for good: its peer receives end of file after draining, and a
 * send to it fails.
 *
 * <h2>Messages</h2>
 * Each stored message is already the payload of a {@link #RECV} answer: a tag byte ({@link #MESSAGE}) and the
 * message bytes, so delivering it copies nothing more. Senders that post ({@link #SEND}) are not answered; a
 * sender that has posted a window's worth of bytes without hearing back sends {@link #SEND_WAIT}, which waits
 * here until the peer's inbox holds at most {@link #INBOX_LIMIT} bytes, so a fast sender cannot fill the owner's
 * memory: that is the pipe's buffer being full.
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

    /** A {@link #SEND_WAIT} waiting for room in the peer's inbox. */
    private record BlockedSend(Request request, byte[] message) {
    }

    private final ObjectServer server;
    private final String name;
    private final boolean readable;
    private final boolean writable;
    private ConnectionObject peer;

    private final ArrayDeque<byte[]> inbox = new ArrayDeque<>();
    private long inboxBytes;
    private final ArrayDeque<Request> receivers = new ArrayDeque<>();
    private final List<Request> pollers = new ArrayList<>();
    private final ArrayDeque<BlockedSend> blockedSends = new ArrayDeque<>();

    private final Map<Session, Integer> handles = new HashMap<>();
    private final Map<Long, Session> tickets = new HashMap<>();
    private long nextTicket = 1;
    private boolean closedEverywhere;

    private ConnectionObject(ObjectServer server, String name, boolean readable, boolean writable) {
        this.server = server;
        this.name = name;
        this.readable = readable;
        this.writable = writable;
    }

    /**
     * Creates the two linked ends of a new pipe.
     *
     * @param server the owner's server, for timers
     * @param duplex whether both ends send and receive; otherwise the first end only receives and the second
     *     only sends
     * @return the two ends, in {@link dev.mproc.pipe.Pipe}'s order
     */
    public static ConnectionObject[] pair(ObjectServer server, boolean duplex) {
        ConnectionObject left = new ConnectionObject(server, duplex ? "left end" : "reader", true, duplex);
        ConnectionObject right = new ConnectionObject(server, duplex ? "right end" : "writer", duplex, true);
        left.peer = right;
        right.peer = left;
        return new ConnectionObject[] {left, right};
    }

    @Override
    public void handle(Request request, byte op, ByteBuffer args) {
        switch (op) {
            case SEND -> send(request, args, false);
            case SEND_WAIT -> send(request, args, true);
            case RECV -> recv(request);
            case POLL -> poll(request, args.getLong());
            case ADOPT -> {
                handles.merge(request.session(), 1, Integer::sum);
                long ticket = args.getLong();
                if (ticket != 0) {
                    tickets.remove(ticket);
                }
                request.ok();
            }
            case TICKET -> {
                long ticket = nextTicket++;
                tickets.put(ticket, request.session());
                request.ok(ByteBuffer.allocate(8).putLong(ticket).array());
            }
            case CLOSE -> {
                Integer held = handles.get(request.session());
                if (held != null) {
                    if (held == 1) {
                        handles.remove(request.session());
                    } else {
                        handles.put(request.session(), held - 1);
                    }
                    closeIfUnheld();
                }
                request.ok();
            }
            case PUSH_BACK -> {
                byte[] message = stored(args);
                Request receiver = nextReceiver();
                if (receiver != null) {
                    receiver.ok(message);
                } else if (!closedEverywhere) {
                    inbox.addFirst(message);
                    inboxBytes += cost(message);
                    wakePollers();
                }
                request.ok();
            }
            default -> request.fail(Wire.ERR_PROTOCOL, "a pipe end has no op " + op);
        }
    }

    private void send(Request request, ByteBuffer args, boolean waitForRoom) {
        if (!writable) {
            request.fail(Wire.ERR_ILLEGAL_STATE, "connection is read-only");
            return;
        }
        if (peer.closedEverywhere) {
            request.fail(Wire.ERR_EOF, brokenPipe());
            return;
        }
        byte[] message = stored(args);
        if (waitForRoom && (!blockedSends.isEmpty() || peer.inboxBytes > INBOX_LIMIT)) {
            blockedSends.add(new BlockedSend(request, message));
            return;
        }
        peer.deliver(message);
        request.ok();
    }

    private String brokenPipe() {
        return BROKEN_PIPE + ": the peer of the pipe's " + name + " is closed in every process";
    }

    /** Copies a message out of a request frame, already in the form of a {@link #RECV} answer. */
    private static byte[] stored(ByteBuffer args) {
        byte[] message = new byte[1 + args.remaining()];
        message[0] = MESSAGE;
        args.get(message, 1, message.length - 1);
        return message;
    }

    private static long cost(byte[] stored) {
        return stored.length - 1 + MESSAGE_OVERHEAD;
    }

    /** A message for this end arrived from the peer. */
    private void deliver(byte[] message) {
        Request receiver = nextReceiver();
        if (receiver != null) {
            receiver.ok(message);
            return;
        }
        inbox.add(message);
        inboxBytes += cost(message);
        wakePollers();
    }

    private Request nextReceiver() {
        Request r;
        while ((r = receivers.poll()) != null) {
            if (!r.answered()) {
                return r;
            }
        }
        return null;
    }

    private void wakePollers() {
        for (Request p : pollers) {
            p.ok();
        }
        pollers.clear();
    }

    private void recv(Request request) {
        if (!readable) {
            request.fail(Wire.ERR_ILLEGAL_STATE, "connection is write-only");
        } else if (!inbox.isEmpty()) {
            byte[] message = inbox.poll();
            inboxBytes -= cost(message);
            request.ok(message);
            peer.admitBlockedSends();
        } else if (peer.closedEverywhere) {
            request.ok(EOF_PAYLOAD);
        } else {
            receivers.add(request);
        }
    }

    /** The peer's inbox shrank: deliver the sends that waited for room, in order. */
    private void admitBlockedSends() {
        while (!blockedSends.isEmpty() && peer.inboxBytes <= INBOX_LIMIT) {
            BlockedSend b = blockedSends.poll();
            peer.deliver(b.message());
            b.request().ok();
        }
    }

    private void poll(Request request, long nanos) {
        if (!readable) {
            request.fail(Wire.ERR_ILLEGAL_STATE, "connection is write-only");
        } else if (!inbox.isEmpty() || peer.closedEverywhere) {
            request.ok();
        } else if (nanos == 0) {
            request.timeout();
        } else {
            pollers.add(request);
            server.park(request, nanos, () -> {
                pollers.remove(request);
                request.timeout();
            });
        }
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
        inbox.clear();
        inboxBytes = 0;
        for (BlockedSend b : peer.blockedSends) {
            b.request().fail(Wire.ERR_EOF, peer.brokenPipe());
        }
        peer.blockedSends.clear();
        if (peer.inbox.isEmpty()) {
            Request r;
            while ((r = peer.nextReceiver()) != null) {
                r.ok(EOF_PAYLOAD);
            }
        }
        peer.wakePollers();
    }

    private void failParked(String message, byte kind) {
        for (Request r : receivers) {
            r.fail(kind, message);
        }
        receivers.clear();
        for (Request p : pollers) {
            p.fail(kind, message);
        }
        pollers.clear();
        for (BlockedSend b : blockedSends) {
            b.request().fail(kind, message);
        }
        blockedSends.clear();
    }

    @Override
    public void cancel(Session session, long requestId) {
        cancelIn(receivers.iterator(), session, requestId);
        cancelIn(pollers.iterator(), session, requestId);
        for (Iterator<BlockedSend> it = blockedSends.iterator(); it.hasNext();) {
            Request r = it.next().request();
            if (r.session() == session && r.id() == requestId) {
                it.remove();
                r.cancelled();
            }
        }
        // A cancelled send may have been the one holding back those behind it.
        admitBlockedSends();
    }

    private static void cancelIn(Iterator<Request> it, Session session, long requestId) {
        while (it.hasNext()) {
            Request r = it.next();
            if (r.session() == session && r.id() == requestId) {
                it.remove();
                r.cancelled();
            }
        }
    }

    @Override
    public void sessionClosed(Session session) {
        receivers.removeIf(r -> r.session() == session);
        pollers.removeIf(r -> r.session() == session);
        blockedSends.removeIf(b -> b.request().session() == session);
        admitBlockedSends();
        boolean held = handles.remove(session) != null;
        boolean ticketed = tickets.values().removeIf(s -> s == session);
        if (held || ticketed) {
            closeIfUnheld();
        }
    }

    @Override
    public void dispose() {
        failParked("the pipe was disposed", Wire.ERR_NO_SUCH_OBJECT);
        inbox.clear();
        inboxBytes = 0;
    }
}
