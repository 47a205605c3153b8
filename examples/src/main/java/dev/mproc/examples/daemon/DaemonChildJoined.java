package dev.mproc.examples.daemon;

import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.examples.Pace;

/**
 * Seed 000, 守护进程 §1 with {@code p.join()}, and seed 002, 三、利用multiprocessing.Process创建: the same daemon child,
 * joined before main prints, so it runs to its end.
 */
public final class DaemonChildJoined {

    private DaemonChildJoined() {
    }

    static void task() throws InterruptedException {
        System.out.println(String.format("%d is running", Mproc.currentProcess().pid()));
        Pace.sleep(2);
        System.out.println(String.format("%d is done", Mproc.currentProcess().pid()));
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while joining
     */
    public static void main(String[] args) throws InterruptedException {
        Process<Void> p = Mproc.context().process(DaemonChildJoined::task).daemon(true).start();
        p.join();
        System.out.println(String.format("main (pid %d); the child's exit code %d %s", Mproc.currentProcess().pid(),
                p.exitCode().getAsInt(), Pace.note(2)));
        System.out.println("why: join() holds main's code at that line until the child has ended, so the daemon is"
                + " never cut off: main has not finished while it runs");
    }
}
