package dev.mproc.examples.daemon;

/**
 * Seed 000, 守护线程 §1 (守护子线程): a daemon thread prints {@code <pid> is running}, sleeps 2 s; main prints
 * {@code 主} ("main") and ends; {@code is done} never comes. Plain Java threads: the contrast with daemon processes.
 */
public final class DaemonThread {

    private DaemonThread() {
    }

    static void task() {
        System.out.println(String.format("%d is running", ProcessHandle.current().pid()));
        try {
            Thread.sleep(2_000); // not scaled: the JVM exits long before
        } catch (InterruptedException e) {
            return;
        }
        System.out.println(String.format("%d is done", ProcessHandle.current().pid()));
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Thread t = new Thread(DaemonThread::task);
        t.setDaemon(true);
        t.start();
        System.out.println("main");
        System.out.println("why: Java's Thread.start() does not wait for the thread to run (Python's does), so 'is"
                + " running' may come before main's line, after it or not at all; 'is done' never comes: when main,"
                + " the last non-daemon thread, ends, the JVM exits and takes the sleeping daemon thread along");
    }
}
