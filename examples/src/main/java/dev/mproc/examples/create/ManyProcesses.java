package dev.mproc.examples.create;

import dev.mproc.Context;
import dev.mproc.Mproc;
import dev.mproc.Process;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 004, 多进程实现方式1: three processes run {@code process_task(data)} (count down from {@code data**3}), each
 * printing its pid and its parent's; the parent joins them all.
 */
public final class ManyProcesses {

    private ManyProcesses() {
    }

    static void processTask(int data) {
        System.out.println(String.format("task %d: pid %d, parent pid %d", data, Mproc.currentProcess().pid(),
                Mproc.parentProcess().orElseThrow().pid()));
        long res = (long) data * data * data;
        while (res > 0) {
            res--;
        }
        System.out.println(String.format("task %d done: pid %d", data, Mproc.currentProcess().pid()));
    }

    /**
     * Runs the example.
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
            tasks.add(ctx.process(() -> processTask(v)).start());
        }
        for (Process<Void> t : tasks) {
            t.join();
        }
        System.out.println("why: every child reports main's pid as its parent; the three run at once, so their lines"
                + " interleave in whatever order the OS schedules them");
    }
}
