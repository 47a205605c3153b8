package dev.mproc.examples.create;

import dev.mproc.Context;
import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 004, 多进程实现方式2: the same three tasks as {@link ManyProcesses}, written as a class (Python's
 * {@code MyProcess(multiprocessing.Process)} with a {@code main} class method).
 */
public final class ManyProcessesClass implements Target {

    private static final long serialVersionUID = 1L;
    private final int data;

    ManyProcessesClass(int data) {
        this.data = data;
    }

    @Override
    public void run() {
        ManyProcesses.processTask(data); // the task itself is the same; only the way it is handed over differs
    }

    /**
     * Runs the example (Python's class method {@code main}).
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while joining
     */
    public static void main(String[] args) throws InterruptedException {
        Context ctx = Mproc.context();
        System.out.println(String.format("main: pid %d, parent pid %d", Mproc.currentProcess().pid(),
                ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L)));
        List<Process<Void>> tasks = new ArrayList<>();
        for (int v : List.of(100, 200, 300)) {
            tasks.add(ctx.process(new ManyProcessesClass(v)).start());
        }
        for (Process<Void> t : tasks) {
            t.join();
        }
        System.out.println("why: each instance carries its own data to its child, where run() executes; the parent pid"
                + " every child reports is main's");
    }
}
