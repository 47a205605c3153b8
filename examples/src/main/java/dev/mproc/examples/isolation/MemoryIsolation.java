package dev.mproc.examples.isolation;

import dev.mproc.Mproc;
import dev.mproc.Process;

/**
 * Seed 001, 验证进程之间的空间隔离: the child sets the global {@code name} to {@code "pl1"}; the parent still sees
 * {@code "pl"}. Here the global is a static field.
 */
public final class MemoryIsolation {

    static String name = "pl";

    private MemoryIsolation() {
    }

    static void task() {
        name = "pl1";
        System.out.println(String.format("child (pid %d): %s", Mproc.currentProcess().pid(), name));
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while joining
     */
    public static void main(String[] args) throws InterruptedException {
        Process<Void> p = Mproc.context().process(MemoryIsolation::task).start();
        p.join(); // the seed sleeps 2 s to let the child finish; join waits exactly as long as needed
        System.out.println(String.format("main (pid %d): %s", Mproc.currentProcess().pid(), name));
        System.out.println("why: the child is another JVM with its own copy of every static field; its assignment never"
                + " reaches the parent's memory");
    }
}
