package dev.mproc.internal.pool;

import dev.mproc.Target;
import dev.mproc.Task;
import dev.mproc.internal.RemoteFailures;
import dev.mproc.internal.child.ChildChannel;
import dev.mproc.internal.codec.DefaultCodec;
import dev.mproc.pool.StarFunction;
import dev.mproc.pool.TaskFunction;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The target every pool worker runs: the initializer once, then chunks until told to stop, the parent goes away,
 * or {@code maxTasks} tasks are done. A task's exception fails its chunk and the worker goes on. Results are held
 * back while more work is already waiting (up to a bound), then sent in one message.
 */
final class PoolWorkerMain implements Target {
    private static final long serialVersionUID = 1L;

    private static final int MAX_HELD_RESULTS = 256;
    /**
     * Results are held back only while they are small: a large one goes at once, so that the parent decodes it
     * while this worker runs the next chunk.
     */
    private static final int MAX_HELD_BYTES = 64 * 1024;

    private final Target initializer;
    private final int maxTasks;

    private transient DefaultCodec codec;
    private transient Map<Long, Object> functions;
    /** Results held back: per chunk its result header, then its payload; sent together by {@link #flush()}. */
    private transient List<byte[]> held;
    private transient long heldBytes;
    private transient int heldCount;

    PoolWorkerMain(Target initializer, int maxTasks) {
        this.initializer = initializer;
        this.maxTasks = maxTasks;
    }

    @Override
    public void run() throws Exception {
        if (initializer != null) {
            initializer.run();
        }
        ChildChannel.send(new byte[] {PoolProtocol.READY});
        codec = DefaultCodec.standard();
        // The same bounded LRU as the parent keeps for this worker, touched in the same order: both agree on
        // which functions the worker holds without asking.
        functions = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Object> eldest) {
                return size() > ProcessPool.FUNCTIONS_PER_WORKER;
            }
        };
        held = new ArrayList<>();
        ArrayDeque<byte[]> local = new ArrayDeque<>();
        long done = 0;
        while (maxTasks == 0 || done < maxTasks) {
            byte[] m = local.isEmpty() ? ChildChannel.receive() : local.poll();
            if (m == null || m[0] == PoolProtocol.STOP) {
                break;
            }
            if (m[0] == PoolProtocol.BATCH) {
                ByteBuffer b = ByteBuffer.wrap(m, 1, m.length - 1);
                int n = b.getInt();
                for (int i = 0; i < n; i++) {
                    byte[] part = new byte[b.getInt()];
                    b.get(part);
                    local.add(part);
                }
                continue;
            }
            ByteBuffer b = ByteBuffer.wrap(m, 1, m.length - 1);
            if (m[0] == PoolProtocol.FUNCTION) {
                long id = b.getLong();
                functions.put(id, codec.decode(m, b.position(), b.remaining()));
            } else if (m[0] == PoolProtocol.CHUNK) {
                long chunkId = b.getLong();
                long functionId = b.getLong();
                byte kind = b.get();
                Object function = kind == PoolProtocol.KIND_TASK ? null : functions.get(functionId);
                done += runChunk(chunkId, kind, function, m, b.position(), b.remaining());
            }
            if (local.isEmpty() && !ChildChannel.hasPending() || heldCount >= MAX_HELD_RESULTS
                    || heldBytes >= MAX_HELD_BYTES) {
                flush();
            }
        }
        flush();
    }

    private int runChunk(long chunkId, byte kind, Object function, byte[] m, int off, int len) {
        long t0 = System.nanoTime();
        byte[] payload;
        boolean ok;
        int tasks = 1;
        try {
            Object[] results;
            if (kind == PoolProtocol.KIND_TASK) {
                Task<?> task = (Task<?>) codec.decode(m, off, len);
                results = new Object[] {task.call()};
            } else {
                List<?> args = ItemBlock.decode(codec, m, off, len);
                tasks = args.size();
                results = new Object[tasks];
                for (int i = 0; i < tasks; i++) {
                    results[i] = apply(kind, function, args.get(i));
                }
            }
            payload = encodeResults(results);
            ok = true;
        } catch (Throwable t) { // NOPMD: every failure of a task goes back to the caller, errors included
            payload = RemoteFailures.encode(codec, t);
            ok = false;
        }
        byte[] header = ByteBuffer.allocate(PoolProtocol.RESULT_HEADER).putLong(chunkId).put((byte) (ok ? 1 : 0))
                .putLong(System.nanoTime() - t0).putInt(payload.length).array();
        held.add(header);
        held.add(payload);
        heldBytes += header.length + (long) payload.length;
        heldCount++;
        return tasks;
    }

    private void flush() throws IOException {
        if (heldCount == 0) {
            return;
        }
        if (1 + 4 + heldBytes > Integer.MAX_VALUE - 8) {
            throw new IOException("pool results of " + heldBytes + " bytes do not fit in one message");
        }
        byte[] message = new byte[(int) (1 + 4 + heldBytes)];
        ByteBuffer.wrap(message).put(PoolProtocol.RESULTS).putInt(heldCount);
        int p = 1 + 4;
        for (byte[] part : held) {
            System.arraycopy(part, 0, message, p, part.length);
            p += part.length;
        }
        held.clear();
        heldBytes = 0;
        heldCount = 0;
        ChildChannel.send(message);
    }

    @SuppressWarnings("unchecked")
    private static Object apply(byte kind, Object function, Object arg) throws Exception {
        if (function == null) {
            throw new IllegalStateException("the pool sent a chunk before its function");
        }
        if (kind == PoolProtocol.KIND_STAR) {
            return ((StarFunction<Object>) function).apply((List<?>) arg);
        }
        return ((TaskFunction<Object, Object>) function).apply(arg);
    }

    private byte[] encodeResults(Object[] results) {
        try {
            return ItemBlock.encode(codec, Arrays.asList(results), 0, results.length, 0);
        } catch (RuntimeException e) {
            // Python's MaybeEncodingError: the result could not be sent; the caller learns why.
            throw new dev.mproc.CodecException("a task's result cannot be sent back: " + e.getMessage(), e);
        }
    }

}
