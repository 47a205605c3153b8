package dev.mproc.internal.pool;

import java.nio.ByteBuffer;

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

    static byte[] stop() {
        return new byte[] {STOP};
    }

    static byte[] batch(java.util.List<byte[]> messages) {
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
