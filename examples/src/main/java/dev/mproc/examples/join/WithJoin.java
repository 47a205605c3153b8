package dev.mproc.examples.join;

import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.examples.Pace;

/**
 * Seed 004, 单进程 (实现) and 2. 使用join: the child counts down from {@code 100**3}; the parent joins it before printing
 * {@code --------end} and the elapsed time.
 */
public final class WithJoin {

    private WithJoin() {
    }

    static void processTask(int data) {
        long res = (long) data * data * data;
        while (res > 0) {
            res--;
        }
        System.out.println(String.format("==============: child done (pid %d)", Mproc.currentProcess().pid()));
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while joining
     */
    public static void main(String[] args) throws InterruptedException {
        long start = System.nanoTime();
        Process<Void> p = Mproc.context().process(() -> processTask(100)).start();
        p.join();
        System.out.println("--------end");
        System.out.println("-----elapsed: " + Pace.since(start));
        System.out.println("why: join() blocks main until the child has ended, so the child's line comes first and the"
                + " elapsed time includes the child's whole life, JVM start included");
    }
}
