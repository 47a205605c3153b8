package dev.mproc.examples.pool;

import dev.mproc.Mproc;
import dev.mproc.examples.Pace;
import dev.mproc.pool.Pool;
import dev.mproc.pool.PoolOptions;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Seed 002, 四、进程池 (1、进程池创建): {@code Pool(3)} runs {@code worker(i)} for ten messages, each sleeping a
 * random time up to 2 s; {@code ----start----} comes first, {@code -----end-----} after {@code join()}.
 */
public final class PoolTenTasks {

    private PoolTenTasks() {
    }

    static int worker(int msg) throws InterruptedException {
        long start = System.nanoTime();
        System.out.println(String.format("%d started, pid %d", msg, Mproc.currentProcess().pid()));
        Thread.sleep(Pace.of(ThreadLocalRandom.current().nextDouble() * 2).toMillis());
        System.out.println(String.format(Locale.ROOT, "%d done, took %.2f s", msg, (System.nanoTime() - start) / 1e9));
        return msg;
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting for the pool
     */
    public static void main(String[] args) throws InterruptedException {
        System.out.println(Pace.note(2));
        Pool po = Mproc.context().pool(PoolOptions.builder().processes(3).build());
        for (int i = 0; i < 10; i++) {
            int msg = i;
            po.applyAsync(() -> worker(msg)); // each idle worker takes the next message
        }
        System.out.println("----start----");
        po.close();
        po.join();
        System.out.println("-----end-----");
        System.out.println("why: three workers share ten messages, so never more than three run at once and the same"
                + " three pids come back; join() returns once all ten are done");
    }
}
