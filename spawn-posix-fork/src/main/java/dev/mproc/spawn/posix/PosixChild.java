package dev.mproc.spawn.posix;

import com.sun.jna.Memory;
import dev.mproc.spi.ControlPipes;
import dev.mproc.spi.ExitStatus;
import dev.mproc.spi.SpawnedProcess;
import dev.mproc.spi.StdinPipe;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Flow;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A child started with {@code posix_spawn}, watched by its own reaper thread, which waits for exactly this pid:
 * never {@code waitpid(-1)}, so children that other code in the JVM started ({@link ProcessBuilder}, native
 * libraries) keep their statuses.
 *
 * <p>Reaping happens in two steps so that a signal can never hit a recycled pid: {@code waitid(WNOWAIT)} learns
 * that the child has ended while leaving it a zombie (its pid stays reserved), then, under the same lock that
 * {@link #signal} takes, {@code waitpid} collects the status and the child is marked reaped. A signal sent
 * after that point does nothing.
 */
final class PosixChild implements SpawnedProcess {

    private static final System.Logger LOG = System.getLogger(PosixChild.class.getName());

    /** Exit status reported when other code in the JVM took the child's status first. */
    static final int STATUS_LOST = 255;

    /** Children spawned and not yet reaped, by pid: what the orphan reaper must leave alone. */
    private static final Map<Integer, PosixChild> UNREAPED = new ConcurrentHashMap<>();

    /** Reaper threads, reused between children; small stacks, since they only wait in the kernel. */
    private static final ExecutorService REAPERS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), task -> {
                Thread t = new Thread(null, task, "mproc-posix-reaper", 256 * 1024);
                t.setDaemon(true);
                return t;
            });

    private final int pid;
    private final boolean ownGroup;
    private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
    private boolean reaped; // guarded by this
    private volatile StdinPipe stdin;
    private volatile Flow.Publisher<ByteBuffer> stdout;
    private volatile Flow.Publisher<ByteBuffer> stderr;
    private volatile ControlPipes controlPipes;

    private PosixChild(int pid, boolean ownGroup) {
        this.pid = pid;
        this.ownGroup = ownGroup;
    }

    /**
     * Records a child the moment {@code posix_spawn} returned its pid, on the spawning thread, so that the
     * orphan reaper never mistakes it for a stranger.
     */
    static PosixChild register(int pid, boolean ownGroup) {
        PosixChild child = new PosixChild(pid, ownGroup);
        UNREAPED.put(pid, child);
        return child;
    }

    /** @return the unreaped child with this pid that this backend spawned, or {@code null} */
    static PosixChild unreaped(int pid) {
        return UNREAPED.get(pid);
    }

    /** Sets the parent's ends of the child's pipes, before the child is handed out; {@code null} for none. */
    void attachPipes(StdinPipe in, Flow.Publisher<ByteBuffer> out, Flow.Publisher<ByteBuffer> err) {
        this.stdin = in;
        this.stdout = out;
        this.stderr = err;
    }

    void attachControlPipes(ControlPipes pipes) {
        this.controlPipes = pipes;
    }

    @Override
    public Optional<ControlPipes> controlPipes() {
        return Optional.ofNullable(controlPipes);
    }

    @Override
    public Optional<StdinPipe> stdin() {
        return Optional.ofNullable(stdin);
    }

    @Override
    public Optional<Flow.Publisher<ByteBuffer>> stdout() {
        return Optional.ofNullable(stdout);
    }

    @Override
    public Optional<Flow.Publisher<ByteBuffer>> stderr() {
        return Optional.ofNullable(stderr);
    }

    /** Starts waiting for the child's end. */
    void watch() {
        REAPERS.execute(this::reap);
    }

    private void reap() {
        Memory info = new Memory(LibC.SIGINFO_BYTES);
        while (LibC.waitid(LibC.P_PID, pid, info, LibC.WEXITED | LibC.WNOWAIT) != 0) {
            int errno = LibC.errno();
            if (errno != LibC.EINTR) {
                finish(lost(errno));
                return;
            }
        }
        ExitStatus status;
        synchronized (this) {
            int[] raw = new int[1];
            int r;
            do {
                r = LibC.waitpid(pid, raw, LibC.WNOHANG);
            } while (r < 0 && LibC.errno() == LibC.EINTR);
            status = r == pid ? decode(raw[0]) : lost(r < 0 ? LibC.errno() : 0);
            reaped = true;
        }
        finish(status);
    }

    private synchronized void markReaped() {
        reaped = true;
    }

    private void finish(ExitStatus status) {
        markReaped();
        UNREAPED.remove(pid, this);
        exit.complete(status);
    }

    private ExitStatus lost(int errno) {
        LOG.log(System.Logger.Level.WARNING, "the status of child " + pid + " was taken by other code in this JVM ("
                + (errno == 0 ? "no status" : LibC.describe(errno)) + "): something called waitpid(-1) or set "
                + "SIGCHLD to SIG_IGN; reporting exit code " + STATUS_LOST);
        return ExitStatus.ambiguous(STATUS_LOST);
    }

    /**
     * Decodes a {@code waitpid} status word (the {@code WIFEXITED}/{@code WTERMSIG} macros).
     *
     * @param raw the status word
     * @return exited with the exit code, or ended by the signal
     */
    static ExitStatus decode(int raw) {
        int signal = raw & 0x7f;
        if (signal == 0) {
            return ExitStatus.exited((raw >> 8) & 0xff);
        }
        return ExitStatus.signaled(signal);
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public synchronized boolean isAlive() {
        return !reaped;
    }

    @Override
    public CompletableFuture<ExitStatus> onExit() {
        return exit;
    }

    /**
     * Sends the signal with {@code kill(2)}; to {@code -pid}, the whole process group, when {@code group} is true
     * and the child leads a group of its own (it was started with a new process group or session). A child in
     * its parent's group is signalled alone: the group it shares is the parent's.
     *
     * @throws IllegalArgumentException if there is no such signal
     */
    @Override
    public void signal(int signal, boolean group) {
        synchronized (this) {
            if (reaped) {
                return;
            }
            if (LibC.kill(group && ownGroup ? -pid : pid, signal) == 0) {
                return;
            }
        }
        int errno = LibC.errno();
        if (errno == LibC.EINVAL) {
            throw new IllegalArgumentException("there is no signal " + signal);
        }
        if (errno != LibC.ESRCH) {
            throw new IllegalStateException("cannot send signal " + signal + " to process " + pid + ": "
                    + LibC.describe(errno));
        }
    }

    @Override
    public String toString() {
        return "PosixChild[pid " + pid + (ownGroup ? ", own process group" : "") + ", "
                + (exit.isDone() ? "ended " + exit.join() : "running") + "]";
    }
}
