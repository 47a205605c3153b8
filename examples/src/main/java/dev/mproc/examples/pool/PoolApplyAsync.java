package dev.mproc.examples.pool;

import dev.mproc.Mproc;
import dev.mproc.examples.Pace;
import dev.mproc.pool.Pool;
import dev.mproc.pool.PoolOptions;

/**
 * Seed 000, 2、使用进程池（非阻塞）: the same four calls with {@code applyAsync}; main prints {@code Mark~} at once, then
 * {@code close()} and {@code join()} wait for the workers.
 */
public final class PoolApplyAsync {

    private PoolApplyAsync() {
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
     */
    public static void main(String[] args) throws InterruptedException {
        System.out.println(Pace.note(3));
        Pool pool = Mproc.context().pool(PoolOptions.builder().processes(3).build());
        for (int i = 0; i < 4; i++) {
            String msg = "hello " + i;
            pool.applyAsync(() -> func(msg)); // returns at once
        }
        System.out.println("Mark~ Mark~ Mark~~~~~~~~~~~~~~~~~~~~~~");
        pool.close();
        pool.join();
        System.out.println("Sub-process(es) done.");
        System.out.println("why: applyAsync() only queues the call, so Mark~ comes first; three workers run at most"
                + " three calls at once, so 'hello 3' starts only after an earlier call has ended");
    }
}
