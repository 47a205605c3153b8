package dev.mproc.examples.pool;

import dev.mproc.Mproc;
import dev.mproc.Task;
import dev.mproc.pool.Pool;
import dev.mproc.pool.PoolOptions;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Seed 000, 4、使用多个进程池: four different functions ({@code lee}, {@code marlon}, {@code allen}, {@code frank}),
 * each sleeping a random time, given to one {@code Pool(4)} with {@code apply_async}. (The seed's title says
 * "several pools"; its program uses one pool for several functions.)
 */
public final class PoolFourFunctions {

    /** The seed sleeps up to 10, 40, 30 and 20 s; here a twentieth of that. */
    static final double SCALE = 0.05;

    private PoolFourFunctions() {
    }

    static double run(String task, double maxSeedSeconds) throws InterruptedException {
        System.out.println(String.format("Run task %s-%d", task, Mproc.currentProcess().pid()));
        long start = System.nanoTime();
        Thread.sleep(Math.round(ThreadLocalRandom.current().nextDouble() * maxSeedSeconds * SCALE * 1000));
        double runs = (System.nanoTime() - start) / 1e9;
        System.out.println(String.format(Locale.ROOT, "Task %s, runs %.2f seconds.", task, runs));
        return runs;
    }

    static double lee() throws InterruptedException {
        return run("Lee", 10);
    }

    static double marlon() throws InterruptedException {
        return run("Marlon", 40);
    }

    static double allen() throws InterruptedException {
        return run("Allen", 30);
    }

    static double frank() throws InterruptedException {
        return run("Frank", 20);
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting for the pool
     */
    public static void main(String[] args) throws InterruptedException {
        List<Task<Double>> functionList = List.of(PoolFourFunctions::lee, PoolFourFunctions::marlon,
                PoolFourFunctions::allen, PoolFourFunctions::frank);
        System.out.println(String.format("parent process %d (random sleeps scaled by %.2f)",
                Mproc.currentProcess().pid(), SCALE));
        Pool pool = Mproc.context().pool(PoolOptions.builder().processes(4).build());
        for (Task<Double> func : functionList) {
            pool.applyAsync(func);
        }
        System.out.println("Waiting for all subprocesses done...");
        pool.close();
        pool.join();
        System.out.println("All subprocesses done.");
        System.out.println("why: a pool takes any function, not one per pool; the tasks end in the order of their"
                + " random sleeps, not of submission, and join() returns after the last");
    }
}
