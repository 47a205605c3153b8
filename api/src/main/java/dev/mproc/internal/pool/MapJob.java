package dev.mproc.internal.pool;

import dev.mproc.pool.Pool.ProgressListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * A map: results land in input order; the job completes when every chunk has finished, successful or not (no
 * fail-fast, as Python), with the first failure if any.
 */
final class MapJob<R> extends Job {

    final AsyncResultImpl<List<R>> result;
    private final Object[] values;
    private final Supplier<ProgressListener> progress;
    private int remainingChunks;
    private int completed;
    private Throwable firstFailure;

    MapJob(int total, int chunks, AsyncResultImpl<List<R>> result, Supplier<ProgressListener> progress) {
        this.values = new Object[total];
        this.remainingChunks = chunks;
        this.result = result;
        this.progress = progress;
        if (chunks == 0) {
            result.succeed(new ArrayList<>());
        }
    }

    @Override
    int total() {
        return values.length;
    }

    @Override
    void succeeded(Chunk chunk, List<?> results) {
        for (int i = 0; i < results.size(); i++) {
            values[chunk.first() + i] = results.get(i);
        }
        chunkDone(chunk);
    }

    @Override
    void failed(Chunk chunk, Throwable cause) {
        if (firstFailure == null) {
            firstFailure = cause;
        }
        chunkDone(chunk);
    }

    @SuppressWarnings("unchecked")
    private void chunkDone(Chunk chunk) {
        completed += chunk.count();
        ProgressListener listener = progress.get();
        if (listener != null) {
            listener.progress(completed, values.length);
        }
        if (--remainingChunks == 0) {
            if (firstFailure != null) {
                result.fail(firstFailure);
            } else {
                result.succeed((List<R>) new ArrayList<>(Arrays.asList(values)));
            }
        }
    }
}
