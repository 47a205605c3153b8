package dev.mproc.examples.pid;

import dev.mproc.Mproc;
import dev.mproc.examples.Pace;

/**
 * Seed 002, 利用os.fork()创建 (1、创建简单的子进程): after {@code os.fork()} the parent and the child both print
 * {@code After fork process pid=…,ppid=…}. A JVM cannot fork itself — the copy would hold only the calling thread,
 * without the garbage collector and compiler threads — so the code after the fork becomes a method that the parent
 * and the child's target both call.
 */
public final class ForkPids {

    private ForkPids() {
    }

    static void afterFork() {
        System.out.println(String.format("After fork process pid=%d,ppid=%d", ProcessHandle.current().pid(),
                ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L)));
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while sleeping
     */
    public static void main(String[] args) throws InterruptedException {
        Mproc.context().process(() -> {
            System.out.println(String.format("child %d", Mproc.currentProcess().pid()));
            Pace.sleep(2);
            System.out.println("child over");
            afterFork();
        }).start();
        System.out.println(String.format("parent %d %s", Mproc.currentProcess().pid(), Pace.note(3)));
        Pace.sleep(3);
        afterFork();
        System.out.println("why: the child's ppid is the parent's pid, the parent's ppid is whatever started it; the"
                + " two run independently and share only the terminal, so the order of their lines may vary");
    }
}
