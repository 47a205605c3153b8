package dev.mproc.examples.daemon;

/**
 * Seed 000, 守护线程 §2 (守护子线程非守护子进程并存): daemon thread {@code t1} runs {@code foo} (123, 1 s, end123),
 * non-daemon thread {@code t2} runs {@code bar} (456, 3 s, end456). The seed's output: 456, 123, main-------,
 * end123, end456 — unlike {@link DaemonAndNonDaemon}, the daemon thread finishes. The seed's sleeps are not
 * scaled: the daemon thread's 1 s must end well inside the non-daemon thread's 3 s, whatever the machine's load.
 */
public final class DaemonAndNonDaemonThreads {

    private DaemonAndNonDaemonThreads() {
    }

    static void foo() {
        System.out.println(123);
        sleep(1);
        System.out.println("end123");
    }

    static void bar() {
        System.out.println(456);
        sleep(3);
        System.out.println("end456");
    }

    private static void sleep(long seconds) {
        try {
            Thread.sleep(seconds * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Thread t1 = new Thread(DaemonAndNonDaemonThreads::foo, "t1");
        Thread t2 = new Thread(DaemonAndNonDaemonThreads::bar, "t2");
        t1.setDaemon(true);
        t2.start();
        t1.start();
        System.out.println("main-------");
        System.out.println("why: a daemon thread lives until the last non-daemon thread of its process ends, not until"
                + " main ends; t2 sleeps 3 s, t1 1 s (the seed's times, not scaled), so t1 finishes too; a daemon"
                + " process, by contrast, ends with main's code");
    }
}
