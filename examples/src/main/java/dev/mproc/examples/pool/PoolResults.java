package dev.mproc.examples.pool;

import dev.mproc.Mproc;
import dev.mproc.examples.Pace;
import dev.mproc.pool.AsyncResult;
import dev.mproc.pool.Pool;
import dev.mproc.pool.PoolOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Seed 000, 3、使用进程池，并关注结果, and seed 004, 4. 进程中的返回值 (apply_async): keep the {@link AsyncResult}s,
 * close and join the pool, then {@code get()} each result.
 */
public final class PoolResults {

    private PoolResults() {
    }

    static String func(String msg) throws InterruptedException {
        System.out.println(String.format("msg: %s (worker pid %d)", msg, Mproc.currentProcess().pid()));
        Pace.sleep(3);
        System.out.println(String.format("end (%s)", msg));
        return "done " + msg;
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting for the pool
     * @throws ExecutionException if a call failed
     */
    public static void main(String[] args) throws InterruptedException, ExecutionException {
        System.out.println(Pace.note(3));
        Pool pool = Mproc.context().pool(PoolOptions.builder().processes(4).build());
        List<AsyncResult<String>> result = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String msg = "hello " + i;
            result.add(pool.applyAsync(() -> func(msg)));
        }
        pool.close();
        pool.join();
        for (AsyncResult<String> res : result) {
            System.out.println("::: " + res.get());
        }
        System.out.println("Sub-process(es) done.");
        System.out.println("why: each AsyncResult holds its call's return value once a worker sent it back; after"
                + " join() every call has ended, so get() returns at once, in submission order");
    }
}
