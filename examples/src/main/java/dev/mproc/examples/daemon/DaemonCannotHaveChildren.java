package dev.mproc.examples.daemon;

import dev.mproc.Mproc;
import dev.mproc.Process;

/**
 * Seed 000, 守护进程 (the commented lines in {@code task()}) and seed 001, 其二: a daemon process may not start children
 * (Python: {@code AssertionError: daemonic processes are not allowed to have children}).
 */
public final class DaemonCannotHaveChildren {

    private DaemonCannotHaveChildren() {
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while joining
     */
    public static void main(String[] args) throws InterruptedException {
        Process<String> daemon = Mproc.context().task(() -> {
            try {
                Mproc.context().process(() -> Thread.sleep(3_000)).start();
                return "started a child (unexpected)";
            } catch (IllegalStateException e) {
                return "start() in the daemon (pid " + Mproc.currentProcess().pid() + ") threw " + e;
            }
        }).daemon(true).start();
        daemon.join();
        System.out.println(daemon.result());
        System.out.println(String.format("daemon exit code %d", daemon.exitCode().getAsInt()));
        System.out.println("why: a daemon is terminated when its parent's main code ends, which would orphan any child"
                + " of its own, so start() refuses in a daemon before launching anything");
    }
}
