package dev.mproc.examples.pool;

import dev.mproc.Context;
import dev.mproc.Mproc;
import dev.mproc.examples.Pace;
import dev.mproc.pool.Pool;
import dev.mproc.pool.PoolOptions;

/**
 * Seed 003, 2.multiprocessing.Pool进程池 (构造方法): {@code Pool(processes=2, initializer=show, initargs=(8,))} — the
 * initializer runs once in each worker as the pool starts — then, as the seed's commented variant,
 * {@code maxtasksperchild=1}: every task gets a fresh worker, whose initializer runs again. Lines carry the seed's
 * log format: pid, process name, thread, message.
 */
public final class PoolInitializer {

    private PoolInitializer() {
    }

    static void log(String message) {
        System.out.println(String.format("%d %s %s %s", Mproc.currentProcess().pid(), Mproc.currentProcess().name(),
                Thread.currentThread().getName(), message));
    }

    static void show(int i) {
        log("initializer: started " + i);
    }

    static int worker(int k) throws InterruptedException {
        Pace.sleep(2);
        log("printing-" + k);
        return k;
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting for the pool
     */
    public static void main(String[] args) throws InterruptedException {
        Context ctx = Mproc.context();
        System.out.println(Pace.note(2));
        System.out.println("-- Pool(processes=2, initializer=show(8)) --");
        Pool pool = ctx.pool(PoolOptions.builder().processes(2).initializer(() -> show(8)).build());
        Pace.sleep(3);
        for (int i = 0; i < 4; i++) {
            int k = i + 5;
            pool.apply(() -> worker(k));
        }
        pool.close();
        pool.join();

        System.out.println("-- the same with maxTasksPerChild(1) --");
        pool = ctx.pool(PoolOptions.builder().processes(2).initializer(() -> show(8)).maxTasksPerChild(1).build());
        for (int i = 0; i < 4; i++) {
            int k = i + 5;
            pool.apply(() -> worker(k));
        }
        pool.close();
        pool.join();
        System.out.println("why: the initializer runs in every worker before its first task, as the pool starts it;"
                + " with maxTasksPerChild(1) a worker exits after one task, so each task gets a new pid and a new"
                + " initializer line");
    }
}
