package dev.mproc.examples.executor;

import dev.mproc.Mproc;
import dev.mproc.Task;
import dev.mproc.pool.ProcessPoolExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Seed 004, 进程池 ProcessPoolExecutor (the last heading, without a program): Python's
 * {@code concurrent.futures.ProcessPoolExecutor} is an {@link ExecutorService} here, so code written for a thread
 * pool runs its tasks in worker processes.
 */
public final class Executor {

    private Executor() {
    }

    static String cube(int data) {
        long res = (long) data * data * data;
        return data + "**3 = " + res + " in pid " + Mproc.currentProcess().pid();
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting
     * @throws ExecutionException if a task failed
     */
    public static void main(String[] args) throws InterruptedException, ExecutionException {
        System.out.println(String.format("main pid %d", Mproc.currentProcess().pid()));
        try (ProcessPoolExecutor executor = Mproc.context().executor(3)) {
            Future<String> one = executor.submit(() -> cube(100)); // a Task: serializable
            System.out.println("submit: " + one.get());

            List<Task<String>> tasks = new ArrayList<>();
            for (int v : List.of(200, 300, 400, 500)) {
                tasks.add(() -> cube(v));
            }
            ExecutorService service = executor; // what code written for thread pools holds
            for (Future<String> f : service.invokeAll(tasks)) {
                System.out.println("invokeAll: " + f.get());
            }
            System.out.println("worker pids " + executor.pool().workerPids());
        } // close(): shut down and wait, as ExecutorService.close() does
        System.out.println("why: the executor is a pool of worker processes behind the ExecutorService interface; each"
                + " task runs in a worker, whose pid differs from main's");
    }
}
