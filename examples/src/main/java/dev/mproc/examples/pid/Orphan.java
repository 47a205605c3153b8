package dev.mproc.examples.pid;

import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.examples.Pace;
import dev.mproc.sync.Event;

/**
 * Seed 002, 3、父子进程PID: the child prints its parent's pid, sleeps, and prints it again after the parent has
 * exited: an orphan is adopted by init (or by the nearest subreaper). A non-daemon mproc child keeps its parent JVM
 * alive, as in Python's {@code multiprocessing}; the seed's {@code os.fork} parent knows no such rule and simply
 * exits, so the parent here ends with {@code System.exit}, which does not wait for children.
 */
public final class Orphan {

    private Orphan() {
    }

    static long ppid() {
        return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while sleeping
     */
    public static void main(String[] args) throws InterruptedException {
        long parentPid = ProcessHandle.current().pid();
        // The seed's fork returns at once; a JVM child needs a moment to boot, so the parent waits until its child
        // runs before taking its 1 s head start, or it could exit before the child had even reached it.
        Event running = Mproc.context().event();
        Process<Void> child = Mproc.context().process(() -> {
            System.out.println("my PID is " + ProcessHandle.current().pid());
            System.out.println("my parent process-1 PID is " + ppid());
            running.set();
            Pace.sleep(5);
            // The seed relies on its 5 s sleep outlasting the parent; waiting for the parent's exit makes it certain.
            ProcessHandle.of(parentPid).ifPresent(parent -> parent.onExit().join());
            System.out.println("my parent process-2 PID is " + ppid());
            System.out.println("this is child process");
        }).start();
        running.await();
        Pace.sleep(1);
        System.out.println("===========================");
        System.out.println("the PID is " + child.pid().getAsLong());
        System.out.println("the parent PID is " + parentPid);
        System.out.println("this is parent process " + Pace.note(5));
        System.out.println("why: the parent exits while its child sleeps; the kernel hands the orphan to init or the"
                + " nearest subreaper, so the child's second ppid differs from the first");
        System.exit(0);
    }
}
