package dev.mproc.spawn.posix;

import dev.mproc.spi.ChildBootHook;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * What a child started by posix-fork does at boot: a daemon child asks the kernel to kill it when its parent
 * dies ({@code prctl(PR_SET_PDEATHSIG, SIGKILL)}), then checks that the parent has not died already, in the
 * window between its creation and the {@code prctl}: if {@code getppid()} is no longer the pid the parent gave,
 * the child was orphaned before it could arm the signal, and it exits at once with code 1.
 *
 * <p>Two facts of the kernel shape this. The signal fires when the <em>thread</em> that created the child ends;
 * posix-fork spawns from threads that live as long as the parent JVM ({@link Spawner}), so it means the parent
 * process died. And the setting belongs to the child's thread that made the {@code prctl}: the kernel looks at
 * every thread of the orphaned process and kills the process if any of them asked, but a thread that has ended
 * asks nothing. So the call is made on a thread of its own that then stays parked for the life of the child.
 *
 * <p>That thread also keeps the work off the child's start path: binding the two calls through JNA costs a fresh
 * JVM 50–70 ms (JNA's classes and native library), which would otherwise be added to the start of every daemon
 * child, pool workers included. Until the signal is armed, a daemon child is covered the way it is on every
 * spawn backend: it cannot connect to a dead parent, and once connected it halts when the control connection
 * reaches end-of-file. Arming late is safe because of the {@code getppid()} check.
 *
 * <p>A non-daemon child does nothing here: it may outlive its parent, as an orphan does in Python.
 */
public final class PosixChildBootHook implements ChildBootHook {

    private static final CompletableFuture<Integer> ARMED = new CompletableFuture<>();

    /** Creates the hook; the child bootstrap loads it by name. */
    public PosixChildBootHook() {
    }

    @Override
    public void boot(long parentPid, boolean dieWithParent) {
        if (!dieWithParent) {
            return;
        }
        Thread holder = new Thread(() -> {
            try {
                ParentDeathSignal.arm(parentPid);
                ARMED.complete(ParentDeathSignal.current());
            } catch (RuntimeException | LinkageError e) {
                System.err.println("mproc: this daemon child cannot arm its parent-death signal: " + e);
                System.err.flush();
                Runtime.getRuntime().halt(1);
            }
            while (true) {
                LockSupport.park(); // the setting lives as long as this thread
            }
        }, "mproc-parent-death");
        holder.setDaemon(true);
        holder.start();
    }

    /**
     * In a daemon child: completes with the parent-death signal once armed, as the kernel reports it for the
     * thread that holds it. Never completes in a child that is not a daemon.
     *
     * @return the armed signal
     */
    static CompletableFuture<Integer> armed() {
        return ARMED;
    }
}
