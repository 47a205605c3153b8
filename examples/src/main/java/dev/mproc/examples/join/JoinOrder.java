package dev.mproc.examples.join;

import dev.mproc.Context;
import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.examples.Pace;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 001, 进程对象join方法: three children sleep 1, 2 and 3 s; the parent joins them in order, printing 1, 2, 3
 * after each join, then the elapsed time. Then the seed's shorter version with a list and a loop.
 */
public final class JoinOrder {

    private JoinOrder() {
    }

    static void task(int sec) throws InterruptedException {
        System.out.println(String.format("is running (%d s, pid %d)", sec, Mproc.currentProcess().pid()));
        Pace.sleep(sec);
        System.out.println(String.format("is gone (%d s)", sec));
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while joining
     */
    public static void main(String[] args) throws InterruptedException {
        Context ctx = Mproc.context();
        System.out.println(Pace.note(3));
        long start = System.nanoTime();
        Process<Void> p1 = ctx.process(() -> task(1)).start();
        Process<Void> p2 = ctx.process(() -> task(2)).start();
        Process<Void> p3 = ctx.process(() -> task(3)).start();
        p1.join();
        System.out.println(1);
        p2.join();
        System.out.println(2);
        p3.join();
        System.out.println(3);
        System.out.println("main process: " + Pace.since(start));

        System.out.println("-- the same with a list and a loop --");
        start = System.nanoTime();
        List<Process<Void>> lst = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int sec = i;
            lst.add(ctx.process(() -> task(sec)).start());
        }
        for (Process<Void> p : lst) {
            p.join();
            System.out.println(lst.indexOf(p) + 1);
        }
        System.out.println("main process: " + Pace.since(start));
        System.out.println("why: the children run at once, so the total is the longest sleep plus start-up, not the"
                + " sum; each number follows its child's 'is gone' because join returns only when that child has ended");
    }
}
