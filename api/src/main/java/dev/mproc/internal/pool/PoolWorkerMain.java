package dev.mproc.internal.pool;

import dev.mproc.RemoteException;
import dev.mproc.Target;
import dev.mproc.Task;
import dev.mproc.internal.child.ChildChannel;
import dev.mproc.internal.codec.DefaultCodec;
import dev.mproc.pool.StarFunction;
import dev.mproc.pool.TaskFunction;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The target every pool worker runs: the initializer once, then chunks until told to stop, the parent goes away,
 * or {@code maxTasks} tasks are done. A task's exception fails its chunk and the worker goes on.
 */
final class PoolWorkerMain implements Target {
    private static final long serialVersionUID = 1L;

    private final Target initializer;
    private final int maxTasks;

    PoolWorkerMain(Target initializer, int maxTasks) {
        this.initializer = initializer;
        this.maxTasks = maxTasks;
    }

    @Override
    public void run() throws Exception {
        if (initializer != null) {
            initializer.run();
        }
        DefaultCodec codec = DefaultCodec.standard();
        Map<Long, Object> functions = new HashMap<>();
        long done = 0;
        while (maxTasks == 0 || done < maxTasks) {
            byte[] m = ChildChannel.receive();
            if (m == null || m[0] == PoolProtocol.STOP) {
                return;
            }
            ByteBuffer b = ByteBuffer.wrap(m, 1, m.length - 1);
            if (m[0] == PoolProtocol.FUNCTION) {
                long id = b.getLong();
                functions.put(id, codec.decode(m, b.position(), b.remaining()));
            } else if (m[0] == PoolProtocol.CHUNK) {
                long chunkId = b.getLong();
                long functionId = b.getLong();
                byte kind = b.get();
                done += runChunk(codec, chunkId, kind, functions.get(functionId), m, b.position(), b.remaining());
            }
        }
    }

    private static int runChunk(DefaultCodec codec, long chunkId, byte kind, Object function, byte[] m, int off,
            int len) throws java.io.IOException {
        byte[] reply;
        int tasks = 1;
        try {
            List<Object> results;
            if (kind == PoolProtocol.KIND_TASK) {
                Task<?> task = (Task<?>) codec.decode(m, off, len);
                List<Object> one = new ArrayList<>(1);
                one.add(task.call());
                results = one;
            } else {
                List<?> args = (List<?>) codec.decode(m, off, len);
                tasks = args.size();
                results = new ArrayList<>(args.size());
                for (Object arg : args) {
                    results.add(apply(kind, function, arg));
                }
            }
            reply = PoolProtocol.results(chunkId, true, encodeResults(codec, results));
        } catch (Throwable t) { // NOPMD: every failure of a task goes back to the caller, errors included
            reply = PoolProtocol.results(chunkId, false, encodeFailure(codec, t));
        }
        ChildChannel.send(reply);
        return tasks;
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

    private static byte[] encodeResults(DefaultCodec codec, List<Object> results) {
        try {
            return codec.encode(results);
        } catch (RuntimeException e) {
            // Python's MaybeEncodingError: the result could not be sent; the caller learns why.
            throw new dev.mproc.CodecException("a task's result cannot be sent back: " + e.getMessage(), e);
        }
    }

    private static byte[] encodeFailure(DefaultCodec codec, Throwable t) {
        try {
            return codec.encode(t);
        } catch (RuntimeException e) {
            return codec.encode(standIn(t, 0));
        }
    }

    private static Throwable standIn(Throwable t, int depth) {
        Throwable cause = t.getCause() == null || t.getCause() == t || depth > 16 ? null : standIn(t.getCause(), depth + 1);
        return new RemoteException(t.getClass().getName(), t.getMessage(), t.getStackTrace(), cause);
    }
}
