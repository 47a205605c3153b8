package dev.mproc.internal.pool;

import dev.mproc.CodecException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages between a pool and its workers, over each worker's control channel. Numbers big-endian.
 *
 * <pre>
 * parent → worker   FUNCTION | 0x20 | functionId (8) | encoded function
 *                   CHUNK    | 0x21 | chunkId (8) | functionId (8) | kind (1) | encoded task, or item list
 *                   STOP     | 0x22
 *                   BATCH    | 0x23 | count (4) | count × ( length (4) | one of the messages above )
 * worker → parent   READY    | 0x31   (booted and initialised: task timeouts start counting)
 *                   RESULTS  | 0x30 | count (4) | count × ( chunkId (8) | ok (1) | nanos (8) | length (4)
 *                                                           | result item list, or the encoded exception )
 * </pre>
 *
 * An item list (a chunk's arguments, its results) is an {@link ItemBlock}: one typed block when every item is an
 * Integer, a Long, a Double or a String, the codec's encoding of the list otherwise. A task and an exception are
 * encoded by the codec.
 *
 * Both directions batch: the parent sends everything one dispatch round produced for a worker in one BATCH, and a
 * worker holds its results back while more chunks are already waiting in its inbox, so that a stream of small
 * chunks costs a message per batch, not per chunk. {@code nanos} is the time the chunk took in the worker, which
 * the parent uses to decide how much work to queue at each worker.
 *
 * A function is sent to a worker once, before the first chunk that names it; a {@link #KIND_TASK} chunk carries its
 * task in place of an argument list and names no function.
 */
final class PoolProtocol {

    static final byte FUNCTION = 0x20;
    static final byte CHUNK = 0x21;
    static final byte STOP = 0x22;
    static final byte BATCH = 0x23;
    static final byte RESULTS = 0x30;
    /** Worker → parent: booted and initialised; task timeouts count from here. */
    static final byte READY = 0x31;

    /** The chunk holds one {@link dev.mproc.Task}. */
    static final byte KIND_TASK = 1;
    /** Each argument is passed to a {@link dev.mproc.pool.TaskFunction}. */
    static final byte KIND_FUNCTION = 2;
    /** Each argument is a list passed to a {@link dev.mproc.pool.StarFunction}. */
    static final byte KIND_STAR = 3;

    static final int CHUNK_HEADER = 1 + 8 + 8 + 1;
    static final int RESULT_HEADER = 8 + 1 + 8 + 4;

    private PoolProtocol() {
    }

    static byte[] function(long functionId, byte[] encoded) {
        return ByteBuffer.allocate(1 + 8 + encoded.length).put(FUNCTION).putLong(functionId).put(encoded).array();
    }

    /**
     * Writes a CHUNK header into the first {@link #CHUNK_HEADER} bytes of a message whose body is already there.
     *
     * @param message the message, its body after the header's room
     * @param chunkId the chunk's id
     * @param functionId the function the worker applies (0 for a task chunk)
     * @param kind how the worker applies it
     * @return the message
     */
    static byte[] chunk(byte[] message, long chunkId, long functionId, byte kind) {
        ByteBuffer.wrap(message).put(CHUNK).putLong(chunkId).putLong(functionId).put(kind);
        return message;
    }

    /**
     * One chunk's outcome in a RESULTS message: its result item list, or its encoded exception, lies at
     * {@code message[offset, offset + length)}.
     *
     * @param chunkId the chunk's id
     * @param ok whether the chunk succeeded
     * @param nanos how long it took in the worker
     * @param message the whole message
     * @param offset where the payload starts
     * @param length the payload's length
     */
    record Outcome(long chunkId, boolean ok, long nanos, byte[] message, int offset, int length) {
    }

    /**
     * Splits a RESULTS message into its outcomes, checking every count and length against the bytes present.
     *
     * @param message the message, starting with {@link #RESULTS}
     * @return its outcomes, in order
     * @throws CodecException if the message is not a well-formed RESULTS message
     */
    static List<Outcome> results(byte[] message) {
        if (message.length < 1 + 4 || message[0] != RESULTS) {
            throw new CodecException("malformed pool results: " + message.length + " bytes"
                    + (message.length > 0 ? ", type 0x" + Integer.toHexString(message[0] & 0xFF) : ""));
        }
        ByteBuffer b = ByteBuffer.wrap(message, 1, message.length - 1);
        int n = b.getInt();
        if (n < 0 || n > b.remaining() / RESULT_HEADER) {
            throw new CodecException("malformed pool results: " + n + " outcomes cannot fit in "
                    + b.remaining() + " bytes");
        }
        List<Outcome> outcomes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (b.remaining() < RESULT_HEADER) {
                throw new CodecException("malformed pool results: outcome " + i + " is truncated");
            }
            long chunkId = b.getLong();
            boolean ok = b.get() != 0;
            long nanos = b.getLong();
            int length = b.getInt();
            if (length < 0 || length > b.remaining()) {
                throw new CodecException("malformed pool results: outcome " + i + " claims " + length
                        + " bytes, " + b.remaining() + " remain");
            }
            outcomes.add(new Outcome(chunkId, ok, nanos, message, b.position(), length));
            b.position(b.position() + length);
        }
        if (b.hasRemaining()) {
            throw new CodecException("malformed pool results: " + b.remaining() + " unexpected bytes after " + n
                    + " outcomes");
        }
        return outcomes;
    }

    static byte[] stop() {
        return new byte[] {STOP};
    }

    static byte[] batch(List<byte[]> messages) {
        int size = 1 + 4;
        for (byte[] m : messages) {
            size += 4 + m.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).put(BATCH).putInt(messages.size());
        for (byte[] m : messages) {
            b.putInt(m.length).put(m);
        }
        return b.array();
    }
}
