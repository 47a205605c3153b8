package dev.mproc.examples.pool;

import dev.mproc.Context;
import dev.mproc.Mproc;
import dev.mproc.pool.AsyncResult;
import dev.mproc.pool.Pool;
import dev.mproc.pool.PoolOptions;
import dev.mproc.queue.Queue;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Seed 000, 进程间的通信(Pool+Queue), with {@code pool.apply_async}: the writer and the reader run at once in two
 * workers; the reader returns the four letters, and main prints both results after {@code join()}.
 */
public final class PoolQueueApplyAsync {

    private PoolQueueApplyAsync() {
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting for the pool
     * @throws ExecutionException if a task failed
     */
    public static void main(String[] args) throws InterruptedException, ExecutionException {
        Context ctx = Mproc.context();
        Queue<String> queue = ctx.queue();
        Pool pool = ctx.pool(PoolOptions.builder().processes(3).build());
        AsyncResult<Integer> writer = pool.applyAsync(() -> PoolQueueApply.writeFunc(queue));
        AsyncResult<List<String>> reader = pool.applyAsync(() -> PoolQueueApply.readFunc(queue));
        pool.close();
        pool.join();
        for (AsyncResult<?> i : List.of(writer, reader)) {
            System.out.println(i.get());
        }
        System.out.println(String.format("main pid %d", Mproc.currentProcess().pid()));
        System.out.println("why: applyAsync() returns at once, so the reader may start before the writer has put"
                + " anything; its get() waits for each letter, and one writer's items come out in the order they were"
                + " put, so the reader returns [W, A, N, G]");
    }
}
