package dev.mproc.examples.daemon;

import dev.mproc.Mproc;
import dev.mproc.Process;

/**
 * Seed 000, 守护进程 §1 (first program), and seed 004, 守护进程实现: a daemon child that would run for 2 s; main
 * prints {@code 主} ("main") and ends, and only that line appears.
 */
public final class DaemonChild {

    private DaemonChild() {
    }

    static void task() throws InterruptedException {
        System.out.println(String.format("%d is running", Mproc.currentProcess().pid()));
        Thread.sleep(2_000); // not scaled: the point is that main ends long before
        System.out.println(String.format("%d is done", Mproc.currentProcess().pid()));
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Process<Void> p = Mproc.context().process(DaemonChild::task).daemon(true).start();
        AfterMain.report("a daemon child is terminated as soon as main's code ends; this one was still starting its"
                + " JVM, so it never printed, and its exit code says SIGTERM (-15)", p);
        System.out.println("main");
    }
}
