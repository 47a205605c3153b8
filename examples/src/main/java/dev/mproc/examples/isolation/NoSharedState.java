package dev.mproc.examples.isolation;

import dev.mproc.Mproc;
import dev.mproc.Process;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 004, 数据不共享实例: an object whose method, run in three children, replaces its field
 * {@code sh_dock_code}; after joining them the parent prints the field unchanged.
 */
public final class NoSharedState implements Serializable {

    private static final long serialVersionUID = 1L;
    private List<Integer> shDockCode = List.of(31, 32, 33, 34);

    void processTask(int data) {
        System.out.println(String.format("task %d: pid %d, parent pid %d", data, Mproc.currentProcess().pid(),
                Mproc.parentProcess().orElseThrow().pid()));
        shDockCode = List.of(31, 32, data);
        System.out.println(String.format("task %d done: pid %d, sh_dock_code is %s", data, Mproc.currentProcess().pid(),
                shDockCode));
    }

    void run() throws InterruptedException {
        System.out.println(String.format("main: pid %d", Mproc.currentProcess().pid()));
        List<Process<Void>> tasks = new ArrayList<>();
        for (int v : List.of(100, 200, 300)) {
            tasks.add(Mproc.context().process(() -> processTask(v)).start());
        }
        for (Process<Void> t : tasks) {
            t.join();
        }
        System.out.println("main: sh_dock_code is " + shDockCode);
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while joining
     */
    public static void main(String[] args) throws InterruptedException {
        new NoSharedState().run();
        System.out.println("why: each target captured this object, so each child received its own serialized copy;"
                + " the children changed their copies, never the parent's");
    }
}
