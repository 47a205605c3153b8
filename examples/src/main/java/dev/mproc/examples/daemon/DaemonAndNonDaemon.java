package dev.mproc.examples.daemon;

import dev.mproc.Context;
import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.examples.Pace;

/**
 * Seed 000, 守护进程 §2 (守护子进程、非守护子进程并存), and seed 001, 守护进程: daemon {@code p1} runs {@code foo}
 * (123, 1 s, end123), non-daemon {@code p2} runs {@code bar} (456, 3 s, end456); main prints {@code main-------}.
 * The seed's output: {@code main-------}, {@code 456}, {@code end456}.
 */
public final class DaemonAndNonDaemon {

    private DaemonAndNonDaemon() {
    }

    static void foo() throws InterruptedException {
        System.out.println(123);
        Thread.sleep(1_000); // not scaled: p1 must still be sleeping when main ends
        System.out.println("end123");
    }

    static void bar() throws InterruptedException {
        System.out.println(456);
        Pace.sleep(3);
        System.out.println("end456");
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Context ctx = Mproc.context();
        System.out.println(Pace.note(3));
        Process<Void> p1 = ctx.process(DaemonAndNonDaemon::foo).name("p1").daemon(true).start();
        Process<Void> p2 = ctx.process(DaemonAndNonDaemon::bar).name("p2").start();
        AfterMain.report("main prints first while both JVMs start; when main's code ends the daemon p1 is terminated"
                + " (123 may or may not have appeared, end123 never), while the non-daemon p2 keeps the program alive"
                + " to its end", p1, p2);
        System.out.println("main-------");
    }
}
