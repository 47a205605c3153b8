package dev.mproc.internal.pool;

import java.util.List;

/** One task and its result. */
final class ApplyJob<R> extends Job {

    final AsyncResultImpl<R> result;

    ApplyJob(AsyncResultImpl<R> result) {
        this.result = result;
    }

    @Override
    int total() {
        return 1;
    }

    @Override
    @SuppressWarnings("unchecked")
    void succeeded(Chunk chunk, List<?> results) {
        result.succeed((R) results.get(0));
    }

    @Override
    void failed(Chunk chunk, Throwable cause) {
        result.fail(cause);
    }
}
