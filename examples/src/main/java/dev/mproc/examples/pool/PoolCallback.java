package dev.mproc.examples.pool;

import dev.mproc.Mproc;
import dev.mproc.examples.Pace;
import dev.mproc.pool.AsyncResult;
import dev.mproc.pool.Pool;
import dev.mproc.pool.PoolOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Seed 003, apply_async with {@code callback} and {@code error_callback} (and its loop over {@code ready()}), and
 * seed 004, 5. apply_async 的回调函数 (the callback runs in the main process). Lines carry pid, process name and
 * thread.
 */
public final class PoolCallback {

    private PoolCallback() {
    }

    static int worker(int k) throws InterruptedException {
        Pace.sleep(2);
        PoolInitializer.log("printing-" + k);
        return k + 5;
    }

    static void callback(Object value) {
        PoolInitializer.log("callback: " + value + " type=" + value.getClass().getSimpleName());
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting
     * @throws ExecutionException if a task failed
     */
    public static void main(String[] args) throws InterruptedException, ExecutionException {
        System.out.println(Pace.note(2));
        Pool p = Mproc.context().pool(PoolOptions.builder().processes(4).build());
        List<AsyncResult<Integer>> reqs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int k = i;
            AsyncResult<Integer> req = p.applyAsync(() -> worker(k), PoolCallback::callback, PoolCallback::callback);
            PoolInitializer.log("submitted " + k + ", ready " + req.ready());
            reqs.add(req);
        }
        System.out.println("-----end------");
        // The seed polls ready() once a second; a CompletableFuture waits for all of them without polling.
        CompletableFuture.allOf(reqs.stream().map(AsyncResult::toCompletableFuture).toArray(CompletableFuture[]::new))
                .join();
        for (AsyncResult<Integer> r : reqs) {
            PoolInitializer.log("get: " + r.get());
        }
        p.close();
        System.out.println("why: a callback runs in the parent (note its pid) on the pool's result thread as each"
                + " result arrives, before ready() turns true; the workers' lines carry their own pids");
    }
}
