package dev.mproc.examples;

import dev.mproc.Context;
import dev.mproc.Mproc;
import dev.mproc.Process;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The main demo: real child JVMs with their pids, results, exit codes (normal, exception, System.exit,
 * SIGTERM, SIGKILL), daemon behaviour and start timings.
 */
public final class Demo {

    private Demo() {
    }

    /**
     * Runs the demo.
     *
     * @param args ignored
     * @throws Exception if the demo itself fails
     */
    public static void main(String[] args) throws Exception {
        Context ctx = Mproc.context();
        System.out.printf("mproc demo: parent pid %d, %d CPUs, spawn backend '%s', IPC backend '%s'%n",
                Mproc.currentProcess().pid(), Mproc.cpuCount(), ctx.spawnBackend(), ctx.ipcBackend());

        long t0 = System.nanoTime();
        Process<String> hello = ctx.task(() -> "hello from " + Mproc.currentProcess().name()
                + " (pid " + Mproc.currentProcess().pid() + ", parent pid "
                + Mproc.parentProcess().orElseThrow().pid() + ")").start();
        hello.join();
        System.out.printf("%-48s exit %d   start+join %.1f ms (first child: starts the control server too)%n",
                hello.result(), hello.exitCode().getAsInt(), (System.nanoTime() - t0) / 1e6);
        t0 = System.nanoTime();
        Process<Void> empty = ctx.process(() -> {
        }).start();
        empty.join();
        System.out.printf("an empty child: start+join %.1f ms%n", (System.nanoTime() - t0) / 1e6);

        t0 = System.nanoTime();

        List<Process<Long>> squares = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            long n = i;
            squares.add(ctx.task(() -> n * n).name("square-" + i).start());
        }
        for (Process<Long> p : squares) {
            p.join();
            System.out.printf("%-10s pid %-8d result %-4d exit %d%n", p.name(), p.pid().getAsLong(), p.result(),
                    p.exitCode().getAsInt());
        }
        System.out.printf("4 children in parallel: %.1f ms in all%n", (System.nanoTime() - t0) / 1e6);

        Process<Void> failing = ctx.process(() -> {
            throw new IllegalStateException("boom in the child");
        }).start();
        failing.join();
        System.out.printf("throwing target: exit %d, failure seen by the parent: %s%n", failing.exitCode().getAsInt(),
                failing.failure().orElseThrow().getCause());

        Process<Void> exiting = ctx.process(() -> System.exit(7)).start();
        exiting.join();
        System.out.printf("System.exit(7): exit %d%n", exiting.exitCode().getAsInt());

        Process<Void> sleeper = ctx.process(() -> Thread.sleep(60_000)).start();
        boolean ended = sleeper.join(Duration.ofMillis(200));
        System.out.printf("join(200 ms) on a sleeping child returned %s; alive %s%n", ended, sleeper.isAlive());
        sleeper.terminate();
        sleeper.join();
        System.out.printf("terminate(): exit %d%n", sleeper.exitCode().getAsInt());

        Process<Void> killed = ctx.process(() -> Thread.sleep(60_000)).start();
        killed.kill();
        killed.join();
        System.out.printf("kill(): exit %d%n", killed.exitCode().getAsInt());

        Process<Void> daemon = ctx.process(() -> {
            Thread.sleep(60_000);
            System.out.println("never printed: the daemon is terminated when main ends");
        }).daemon(true).start();
        System.out.printf("daemon child pid %d is running; main ends now and takes it along%n",
                daemon.pid().getAsLong());
        System.out.println("main-------");
    }
}
