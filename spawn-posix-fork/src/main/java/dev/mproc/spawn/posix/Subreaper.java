package dev.mproc.spawn.posix;

import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Makes this JVM a child subreaper ({@code prctl(PR_SET_CHILD_SUBREAPER)}): a process orphaned anywhere below
 * it — a grandchild whose parent died — is reparented to this JVM rather than to init, and this class reaps it
 * when it ends, so that no zombie is left behind and a container whose PID 1 is this JVM does not fill up with
 * them. Process-wide, so it is opt-in: {@link #enable()}, or {@code -D}{@value #PROPERTY}{@code =true} when a
 * posix-fork backend is created.
 *
 * <h2>Reaping strangers without stealing statuses</h2>
 * This JVM's children are of three kinds: those posix-fork spawned (each reaped by its own reaper, see
 * {@link PosixChild}), those other code started ({@link ProcessBuilder}, native libraries), which that code
 * waits for itself, and adopted orphans, which nobody waits for. The kernel does not record which children
 * were adopted, so the orphan reaper never calls {@code waitpid(-1)}. It blocks in
 * {@code waitid(P_ALL, WEXITED | WNOWAIT)}, which reports an ended child <em>without</em> collecting it, and
 * then:
 * <ul>
 *   <li>a child posix-fork spawned is left to its own reaper (the orphan reaper waits until that has run);</li>
 *   <li>any other ended child is left alone for a grace period ({@value #GRACE_PROPERTY}, default
 *       {@value #DEFAULT_GRACE_MILLIS} ms): code that started a child waits for it already ({@link ProcessBuilder}'s
 *       reaper thread is blocked in {@code waitpid} before the child can end) and collects it within
 *       microseconds. A zombie still there after the grace period, and still the same process (same start
 *       time), has nobody waiting: it is reaped.</li>
 * </ul>
 * The residual risk is code that starts a child and waits for it only later than the grace period; such code
 * should not run in a JVM that is a subreaper. When the JVM has no children at all, nothing can be adopted
 * until a child is created: the reaper then sleeps until posix-fork spawns one, or for a second at most.
 */
public final class Subreaper {

    /** System property: {@code true} makes the JVM a subreaper when a posix-fork backend is created. */
    public static final String PROPERTY = "mproc.posix.subreaper";
    /** System property: how long an ended child nobody collects is left to its owner, in milliseconds. */
    public static final String GRACE_PROPERTY = "mproc.posix.subreaper.graceMillis";
    /** The default grace period in milliseconds. */
    public static final long DEFAULT_GRACE_MILLIS = 1000;

    private static final System.Logger LOG = System.getLogger(Subreaper.class.getName());
    private static final long IDLE_RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final AtomicLong ORPHANS_REAPED = new AtomicLong();
    private static volatile Thread reaper;

    private Subreaper() {
    }

    /**
     * Makes this JVM a child subreaper and starts the orphan reaper; idempotent.
     *
     * @throws UnsupportedOperationException if posix-fork is unavailable here
     * @throws IllegalStateException if the kernel refused
     */
    public static synchronized void enable() {
        PosixSupport.ensureAvailable();
        if (reaper != null) {
            return;
        }
        if (LibC.prctl(LibC.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0) {
            throw new IllegalStateException("prctl(PR_SET_CHILD_SUBREAPER) failed: " + LibC.describe(LibC.errno()));
        }
        long grace = TimeUnit.MILLISECONDS.toNanos(Long.getLong(GRACE_PROPERTY, DEFAULT_GRACE_MILLIS));
        Thread t = new Thread(null, () -> reapOrphans(grace), "mproc-posix-orphan-reaper", 256 * 1024);
        t.setDaemon(true);
        t.start();
        reaper = t;
    }

    /**
     * @return whether the kernel has this process marked as a child subreaper
     * @throws UnsupportedOperationException if posix-fork is unavailable here
     */
    public static boolean isEnabled() {
        PosixSupport.ensureAvailable();
        Memory flag = new Memory(Integer.BYTES);
        if (LibC.prctl(LibC.PR_GET_CHILD_SUBREAPER, com.sun.jna.Pointer.nativeValue(flag), 0, 0, 0) != 0) {
            throw new IllegalStateException("prctl(PR_GET_CHILD_SUBREAPER) failed: " + LibC.describe(LibC.errno()));
        }
        return flag.getInt(0) != 0;
    }

    /** @return how many adopted orphans this JVM has reaped */
    public static long orphansReaped() {
        return ORPHANS_REAPED.get();
    }

    /** Wakes the orphan reaper if it sleeps because the JVM had no children. */
    static void childSpawned() {
        Thread t = reaper;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private static void reapOrphans(long graceNanos) {
        Memory info = new Memory(LibC.SIGINFO_BYTES);
        int suspect = 0;
        long suspectStart = -1;
        long suspectSince = 0;
        while (true) {
            info.clear();
            if (LibC.waitid(LibC.P_ALL, 0, info, LibC.WEXITED | LibC.WNOWAIT) != 0) {
                int errno = LibC.errno();
                if (errno == LibC.ECHILD) {
                    LockSupport.parkNanos(IDLE_RECHECK_NANOS);
                } else if (errno != LibC.EINTR) {
                    LOG.log(System.Logger.Level.ERROR, "orphan reaper stops: waitid failed: " + LibC.describe(errno));
                    return;
                }
                continue;
            }
            int pid = info.getInt(LibC.SIGINFO_PID_OFFSET);
            PosixChild ours = PosixChild.unreaped(pid);
            if (ours != null) {
                ours.onExit().join();
                continue;
            }
            long start = startTime(pid);
            if (pid != suspect || start != suspectStart) {
                suspect = pid;
                suspectStart = start;
                suspectSince = System.nanoTime();
            }
            long wait = suspectSince + graceNanos - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue; // look again: its owner may have collected it meanwhile
            }
            if (start >= 0 && PosixChild.unreaped(pid) == null && LibC.waitpid(pid, new int[1], LibC.WNOHANG) == pid) {
                ORPHANS_REAPED.incrementAndGet();
            }
            suspect = 0;
        }
    }

    /** @return the process's start time in clock ticks since boot ({@code /proc/<pid>/stat} field 22), or -1 */
    private static long startTime(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[19]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
