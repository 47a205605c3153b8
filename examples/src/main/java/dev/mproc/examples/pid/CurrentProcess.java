package dev.mproc.examples.pid;

import dev.mproc.Context;
import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.pool.Pool;
import dev.mproc.pool.PoolOptions;

/**
 * Seed 003, 1.multiprocessing类: with a {@code Pool(4)} running, print {@code current_process()},
 * {@code active_children()} and {@code cpu_count()}.
 */
public final class CurrentProcess {

    private CurrentProcess() {
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while joining the pool
     */
    public static void main(String[] args) throws InterruptedException {
        Context ctx = Mproc.context();
        Pool pool = ctx.pool(PoolOptions.builder().processes(4).build());
        System.out.println(Mproc.currentProcess());
        for (Process<?> child : Mproc.activeChildren()) {
            System.out.println(String.format("active child %s daemon=%s", child, child.isDaemon()));
        }
        System.out.println("pool worker pids " + pool.workerPids());
        System.out.println("cpu count " + Mproc.cpuCount());
        pool.close();
        pool.join();
        System.out.println("active children after close() and join(): " + Mproc.activeChildren());
        System.out.println("why: a pool starts all its workers at once, so they are this process's active children,"
                + " daemons (they would end with main); once the pool is closed and joined, none is left");
    }
}
