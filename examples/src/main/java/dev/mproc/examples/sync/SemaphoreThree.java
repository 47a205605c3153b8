package dev.mproc.examples.sync;

import dev.mproc.Context;
import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.examples.Pace;
import dev.mproc.shared.IntValue;
import dev.mproc.sync.Semaphore;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 004, 信号量 Semaphore: {@code Semaphore(3)} and five processes with data 100…500; each announces itself,
 * acquires, counts down from {@code data**3}, releases. A shared counter measures how many were inside at once; a
 * 1 s pause inside (scaled) makes the limit visible.
 */
public final class SemaphoreThree {

    private SemaphoreThree() {
    }

    static long processTask(int data, Semaphore sem, IntValue inside, IntValue mostInside)
            throws InterruptedException {
        System.out.println(String.format("--------data: %d enter work (pid %d)", data, Mproc.currentProcess().pid()));
        sem.acquire();
        try {
            int now = inside.incrementAndGet();
            mostInside.updateAndGet(most -> Math.max(most, now));
            System.out.println(String.format("data: %d start work (%d inside)", data, now));
            long res = (long) data * data * data;
            while (res > 0) {
                res--;
            }
            Pace.sleep(1);
            System.out.println(String.format("data: %d done work", data));
            inside.decrementAndGet();
        } finally {
            sem.release();
        }
        return (long) data * data * data;
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while joining
     */
    public static void main(String[] args) throws InterruptedException {
        Context ctx = Mproc.context();
        Semaphore sem = ctx.semaphore(3);
        IntValue inside = ctx.intValue(0);
        IntValue mostInside = ctx.intValue(0);
        System.out.println(Pace.note(1));
        List<Process<Long>> taskList = new ArrayList<>();
        for (int v : List.of(100, 200, 300, 400, 500)) {
            taskList.add(ctx.task(() -> processTask(v, sem, inside, mostInside)).start());
        }
        for (Process<Long> p : taskList) {
            p.join();
        }
        System.out.println(String.format("at most %d processes were inside at once (the semaphore allows 3)",
                mostInside.get()));
        System.out.println("why: all five enter at once, but only three get a permit; the other two wait in acquire()"
                + " until a holder releases, so their 'start work' follows a 'done work'");
    }
}
