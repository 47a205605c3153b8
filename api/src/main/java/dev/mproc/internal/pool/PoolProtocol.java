package dev.mproc.internal.pool;

import java.nio.ByteBuffer;

/**
 * Messages between a pool and its workers, over each worker's control channel. Numbers big-endian; the payloads
 * are codec output.
 *
 * <pre>
 * parent → worker   FUNCTION | 0x20 | functionId (8) | encoded function
 *                   CHUNK    | 0x21 | chunkId (8) | functionId (8) | kind (1) | encoded argument list
 *                   STOP     | 0x22
 * worker → parent   RESULTS  | 0x30 | chunkId (8) | ok (1) | encoded result list, or the encoded exception
 * </pre>
 *
 * A function is sent to a worker once, before the first chunk that names it; a {@link #KIND_TASK} chunk carries its
 * task in place of an argument list and names no function.
 */
final class PoolProtocol {

    static final byte FUNCTION = 0x20;
    static final byte CHUNK = 0x21;
    static final byte STOP = 0x22;
    static final byte RESULTS = 0x30;

    /** The chunk holds one {@link dev.mproc.Task}. */
    static final byte KIND_TASK = 1;
    /** Each argument is passed to a {@link dev.mproc.pool.TaskFunction}. */
    static final byte KIND_FUNCTION = 2;
    /** Each argument is a list passed to a {@link dev.mproc.pool.StarFunction}. */
    static final byte KIND_STAR = 3;

    static final int CHUNK_HEADER = 1 + 8 + 8 + 1;
    static final int RESULTS_HEADER = 1 + 8 + 1;

    private PoolProtocol() {
    }

    static byte[] function(long functionId, byte[] encoded) {
        return ByteBuffer.allocate(1 + 8 + encoded.length).put(FUNCTION).putLong(functionId).put(encoded).array();
    }

    static byte[] chunk(long chunkId, long functionId, byte kind, byte[] payload) {
        return ByteBuffer.allocate(CHUNK_HEADER + payload.length)
                .put(CHUNK).putLong(chunkId).putLong(functionId).put(kind).put(payload).array();
    }

    static byte[] stop() {
        return new byte[] {STOP};
    }

    static byte[] results(long chunkId, boolean ok, byte[] payload) {
        return ByteBuffer.allocate(RESULTS_HEADER + payload.length)
                .put(RESULTS).putLong(chunkId).put((byte) (ok ? 1 : 0)).put(payload).array();
    }
}
