package dev.mproc.examples.pool;

import dev.mproc.Mproc;
import dev.mproc.examples.Pace;
import dev.mproc.pool.AsyncResult;
import dev.mproc.pool.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Seed 004, 进程池 multiprocessing.Pool() (1. apply, 2. apply_async, 3. map, 4. 进程中的返回值): the same task on
 * {@code [100, 200, 300]} — count down from {@code data**3}, sleep 1 s, return {@code data**3} — through
 * {@code apply}, {@code applyAsync}, {@code map} and, for the seed's {@code (v, 5)} tuples, {@code starmap}, each
 * with its {@code user_time}; the maps report their progress as results arrive.
 */
public final class PoolApplyVsAsyncVsMap {

    static final List<Integer> PROCESS_DATA = List.of(100, 200, 300);

    private PoolApplyVsAsyncVsMap() {
    }

    static long processTask(int data) throws InterruptedException {
        System.out.println(String.format("task %d: pid %d, parent pid %d", data, Mproc.currentProcess().pid(),
                Mproc.parentProcess().orElseThrow().pid()));
        long cube = (long) data * data * data;
        long res = cube;
        while (res > 0) {
            res--;
        }
        System.out.println(String.format("task %d done: pid %d", data, Mproc.currentProcess().pid()));
        Pace.sleep(1);
        return cube;
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting for the pool
     * @throws ExecutionException if a task failed
     */
    public static void main(String[] args) throws InterruptedException, ExecutionException {
        Pool pool = Mproc.context().pool(); // Pool(): one worker per CPU
        System.out.println(String.format("main: pid %d; Pool() has %d workers (one per CPU) %s",
                Mproc.currentProcess().pid(),
                pool.processes(), Pace.note(1)));

        System.out.println("-- apply --");
        long start = System.nanoTime();
        List<Long> applied = new ArrayList<>();
        for (int v : PROCESS_DATA) {
            applied.add(pool.apply(() -> processTask(v)));
        }
        System.out.println("apply results " + applied + ", user_time " + Pace.since(start));

        System.out.println("-- applyAsync --");
        start = System.nanoTime();
        List<AsyncResult<Long>> pending = new ArrayList<>();
        for (int v : PROCESS_DATA) {
            pending.add(pool.applyAsync(() -> processTask(v)));
        }
        List<Long> async = new ArrayList<>();
        for (AsyncResult<Long> r : pending) {
            async.add(r.get());
        }
        System.out.println("applyAsync results " + async + ", user_time " + Pace.since(start));

        System.out.println("-- map --");
        pool.onProgress((completed, total) -> System.out.println("map progress " + completed + "/" + total));
        start = System.nanoTime();
        List<Long> mapped = pool.map(PoolApplyVsAsyncVsMap::processTask, PROCESS_DATA);
        System.out.println("map results " + mapped + ", user_time " + Pace.since(start));

        System.out.println("-- starmap, with the seed's (v, 5) tuples --");
        start = System.nanoTime();
        List<List<Integer>> info = PROCESS_DATA.stream().map(v -> List.of(v, 5)).toList();
        List<Long> starmapped = pool.starmap(arguments -> processTask((Integer) arguments.get(0)), info, 0);
        System.out.println("starmap results " + starmapped + ", user_time " + Pace.since(start));
        pool.onProgress(null);
        pool.close();
        pool.join();
        System.out.println("why: apply() waits for each task, so its time is the sum of the three; applyAsync, map and"
                + " starmap hand all three to the workers at once, so they overlap as far as there are workers");
    }
}
