package dev.mproc.examples.pool;

import dev.mproc.Mproc;
import dev.mproc.examples.Pace;
import dev.mproc.pool.Pool;
import dev.mproc.pool.PoolOptions;

/**
 * Seed 000, 1、使用进程池（阻塞）, and seed 003, apply (blocking, returns the function's value): a pool of 3 runs
 * {@code func("hello i")} four times with {@code apply}, each call waiting for the previous one.
 */
public final class PoolApply {

    private PoolApply() {
    }

    static String func(String msg) throws InterruptedException {
        System.out.println(String.format("msg: %s (worker pid %d)", msg, Mproc.currentProcess().pid()));
        Pace.sleep(3);
        System.out.println("end");
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
            String result = pool.apply(() -> func(msg)); // blocks until a worker has run it
            System.out.println("apply returned: " + result);
        }
        System.out.println("Mark~ Mark~ Mark~~~~~~~~~~~~~~~~~~~~~~");
        pool.close();
        pool.join();
        System.out.println("Sub-process(es) done.");
        System.out.println("why: apply() waits for its result, so the four calls run one after another although the"
                + " pool has three workers, and Mark~ comes only after the last one");
    }
}
