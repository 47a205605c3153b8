package dev.mproc.ipc.netty.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The frames of the object protocol, after the handshake. All numbers big-endian.
 *
 * <pre>
 * request   | requestId (8) | objectId (8) | op (1) | flags (1) | threadId (8) | arguments ...
 * response  | requestId (8) | status (1) | payload ...
 * </pre>
 *
 * <p>A request with {@link #NO_REPLY} gets no response unless it fails; its request id is then minus the object
 * id, so that the failure, arriving as a response with that id, is charged to the right object and surfaces at
 * that object's next call. The reserved op {@link #OP_CANCEL} asks the server to give up a
 * pending request (its id is the argument); the server answers the original request with {@link #CANCELLED}, or,
 * if it had already been granted, the client receives the grant and undoes it.
 */
public final class Wire {

    /** Request header length. */
    public static final int REQUEST_HEADER = 8 + 8 + 1 + 1 + 8;
    /** Response header length. */
    public static final int RESPONSE_HEADER = 8 + 1;

    /** Flag: the client does not wait for an answer. */
    public static final byte NO_REPLY = 1;

    /** Reserved op: cancel the pending request whose id is the argument. */
    public static final byte OP_CANCEL = 0;
    /** Reserved op on object 0: create an object of a kind; arguments are the kind's creation parameters. */
    public static final byte OP_CREATE = 1;
    /** Reserved op: release the object (its owner or a manager shut it down). */
    public static final byte OP_DISPOSE = 2;

    /** Status: the request succeeded; the payload is op-specific. */
    public static final byte OK = 0;
    /** Status: the request failed; the payload is an error kind byte and a UTF-8 message. */
    public static final byte FAILED = 1;
    /** Status: a blocking request's timeout elapsed. */
    public static final byte TIMEOUT = 2;
    /** Status: the request was cancelled before it took effect. */
    public static final byte CANCELLED = 3;

    /** Error kinds carried by {@link #FAILED}. */
    public static final byte ERR_ILLEGAL_STATE = 1;
    /** The arguments were invalid. */
    public static final byte ERR_ILLEGAL_ARGUMENT = 2;
    /** No object with this id (disposed, or never existed). */
    public static final byte ERR_NO_SUCH_OBJECT = 3;
    /** The other end is closed and everything it sent has been read. */
    public static final byte ERR_EOF = 4;
    /** A broken barrier. */
    public static final byte ERR_BROKEN = 5;
    /** The request was malformed. */
    public static final byte ERR_PROTOCOL = 6;
    /** The object is closed. */
    public static final byte ERR_CLOSED = 7;
    /** The connection to the object's owner is gone (the owner exited or died); raised by the client. */
    public static final byte ERR_GONE = 8;

    private Wire() {
    }

    /**
     * Builds a request frame.
     *
     * @param requestId the request's id
     * @param objectId the target object
     * @param op the operation
     * @param flags {@link #NO_REPLY} or 0
     * @param threadId the calling thread (owners of locks are process connection + thread)
     * @param args the arguments
     * @return the frame
     */
    public static byte[] request(long requestId, long objectId, byte op, byte flags, long threadId, byte[] args) {
        return ByteBuffer.allocate(REQUEST_HEADER + args.length)
                .putLong(requestId).putLong(objectId).put(op).put(flags).putLong(threadId).put(args).array();
    }

    /**
     * Builds a response frame.
     *
     * @param requestId the request answered
     * @param status the status
     * @param payload the payload
     * @return the frame
     */
    public static byte[] response(long requestId, byte status, byte[] payload) {
        return ByteBuffer.allocate(RESPONSE_HEADER + payload.length)
                .putLong(requestId).put(status).put(payload).array();
    }

    /**
     * A {@link #FAILED} payload.
     *
     * @param kind the error kind
     * @param message the message
     * @return the payload
     */
    public static byte[] error(byte kind, String message) {
        byte[] m = message.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + m.length).put(kind).put(m).array();
    }
}
