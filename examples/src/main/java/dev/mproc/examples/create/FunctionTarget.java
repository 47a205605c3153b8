package dev.mproc.examples.create;

import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.examples.Pace;

/**
 * Seed 001, 进程创建的两种方式, 方式一 (a function as the target): {@code Process(target=task, args=("pl",))},
 * {@code start()}, then the parent prints {@code 主进程开始} before the child's lines.
 */
public final class FunctionTarget {

    private FunctionTarget() {
    }

    static void task(String name) throws InterruptedException {
        System.out.println(String.format("%s is running (pid %d)", name, Mproc.currentProcess().pid()));
        Pace.sleep(2);
        System.out.println(String.format("%s is gone", name));
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        String name = "pl";
        Process<Void> p = Mproc.context().process(() -> task(name)).start();
        System.out.println(String.format("main process starts (pid %d, child pid %d) %s", Mproc.currentProcess().pid(),
                p.pid().getAsLong(), Pace.note(2)));
        System.out.println("why: start() returns as soon as the OS has created the child; main prints first while"
                + " the child's JVM boots, and the non-daemon child keeps the program alive until it is gone");
    }
}
