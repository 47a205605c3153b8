package dev.mproc.examples.daemon;

import dev.mproc.Process;
import java.util.Locale;

/**
 * Reports how children ended once main has ended, then why: a non-daemon thread that waits for the main thread, then
 * for each child. Only the {@code main} thread is a program's main code, so this thread changes nothing about when
 * daemon children are terminated; it only makes the cut visible, and lets main's own last line be the seed's.
 */
final class AfterMain {

    private AfterMain() {
    }

    static void report(String why, Process<?>... children) {
        Thread main = Thread.currentThread();
        Thread reporter = new Thread(() -> {
            try {
                main.join();
                long mainEnded = System.nanoTime();
                for (Process<?> c : children) {
                    c.join();
                    System.out.println(String.format(Locale.ROOT,
                            "after main: %s (pid %d, %s) ended with exit code %d, %.0f ms after main ended", c.name(),
                            c.pid().getAsLong(), c.isDaemon() ? "daemon" : "non-daemon", c.exitCode().getAsInt(),
                            (System.nanoTime() - mainEnded) / 1e6));
                }
                System.out.println("why: " + why);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "after-main");
        reporter.start();
    }
}
