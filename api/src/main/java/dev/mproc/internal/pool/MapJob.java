package dev.mproc.internal.pool;

import dev.mproc.pool.Pool.ProgressListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * A map: results land in input order; the job completes when every item's chunk has finished, successful or not
 * (no fail-fast, as Python), with the first failure if any. Completion counts items, not chunks, since a chunk may
 * be split on its way to a worker (maxTasksPerChild).
 */
final class MapJob<R> extends Job {

    final AsyncResultImpl<List<R>> result;
    /** The result list itself, filled in place: null until its item's chunk has succeeded. */
    private final ArrayList<Object> values;
    private final Supplier<ProgressListener> progress;
    private int completed;
    private Throwable firstFailure;

    MapJob(int total, AsyncResultImpl<List<R>> result, Supplier<ProgressListener> progress) {
        // Two array allocations and a copy, all intrinsics: as fast on the first call as on the thousandth.
        this.values = new ArrayList<>(Collections.nCopies(total, null));
        this.result = result;
        this.progress = progress;
        if (total == 0) {
            result.succeed(new ArrayList<>());
        }
    }

    @Override
    int total() {
        return values.size();
    }

    @Override
    void succeeded(Chunk chunk, List<?> results) {
        int first = chunk.first();
        for (int i = 0, n = results.size(); i < n; i++) {
            values.set(first + i, results.get(i));
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
            listener.progress(completed, values.size());
        }
        if (completed == values.size()) {
            if (firstFailure != null) {
                result.fail(firstFailure);
            } else {
                result.succeed((List<R>) values);
            }
        }
    }
}
