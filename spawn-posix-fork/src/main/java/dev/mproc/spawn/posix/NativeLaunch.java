package dev.mproc.spawn.posix;

import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import dev.mproc.Scheduling;
import dev.mproc.StreamTarget;
import dev.mproc.spi.ControlPipes;
import dev.mproc.spi.InputStreamPublisher;
import dev.mproc.spi.LaunchSpec;
import dev.mproc.spi.OutputStreamStdin;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code posix_spawn}, prepared by the caller's thread and run on a {@link Spawner} thread. glibc's
 * {@code posix_spawn} creates the child with {@code clone(CLONE_VM | CLONE_VFORK)} and runs only its own C code
 * in it until {@code execve}: no Java code ever runs between the two, as a forked JVM could not run it safely.
 *
 * <p>What the child gets, in the order the file actions run:
 * <ol>
 *   <li>stdin: the read end of a pipe the parent fills with {@link LaunchSpec#stdinBytes()} and closes; or, by
 *       {@link LaunchSpec#stdin()}, the parent's (inherited), {@code /dev/null}, a file opened read-only by the
 *       parent, or the read end of a pipe whose write end the parent keeps;</li>
 *   <li>stdout and stderr: inherited, {@code /dev/null}, a file opened by the parent (so that an error names
 *       the file), or the write end of a pipe whose read end the parent keeps; when both go to the same file or
 *       to {@code /dev/null}, stderr is a duplicate of stdout sharing its offset (two pipe targets are equal
 *       records but always get a pipe each);</li>
 *   <li>every other descriptor closed ({@code closefrom(3)}), whatever the JVM or a library opened without
 *       {@code O_CLOEXEC};</li>
 *   <li>the working directory, if one is given.</li>
 * </ol>
 * Attributes: an empty signal mask and every signal at its default action (a JVM blocks and ignores signals a
 * fresh program must not inherit); a new process group or session on request; the scheduling policy. The CPU
 * affinity is set on the spawning thread for the duration of the call, because a child inherits it from there.
 *
 * <p>Pipes are created with {@code pipe2(O_CLOEXEC)}; the child's ends are closed in the parent after the spawn,
 * and {@link #attachPipes} hands the parent's ends to the child's {@link PosixChild} as streams ({@link PipeEnds})
 * served by the api's thread-per-stream adapters. {@link LaunchSpec#dieWithParent()} runs the program through
 * {@link DeathWithParent}'s helper.
 */
final class NativeLaunch implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(NativeLaunch.class.getName());
    private static final Pointer ENVIRON_ADDRESS = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME)
            .getGlobalVariableAddress("environ");

    private final LaunchSpec spec;
    private final String program;
    private final Memory fileActions = new Memory(LibC.FILE_ACTIONS_BYTES);
    private final Memory attr = new Memory(LibC.SPAWNATTR_BYTES);
    private final Memory sigmask = new Memory(LibC.SIGSET_BYTES);
    private final Memory sigdefault = new Memory(LibC.SIGSET_BYTES);
    private final Memory schedParam = new Memory(Integer.BYTES);
    private final StringArray argv;
    private final StringArray envp;
    private final Memory cpuMask;
    private final byte[] stdinBytes;
    private final boolean ownGroup;
    /** Descriptors the parent opened for the child; closed in the parent once the child has its copies. */
    private final List<Integer> childEnds = new ArrayList<>();
    private int stdinWriteEnd = -1;
    /** The parent's ends of piped stdin, stdout and stderr until {@link #attachPipes} takes them; -1 for none. */
    private int parentStdin = -1;
    private int parentStdout = -1;
    private int parentStderr = -1;
    /** The parent's ends of the control pipes until {@link #attachPipes} takes them; -1 for none. */
    private int parentControlIn = -1;
    private int parentControlOut = -1;
    private boolean actionsReady;
    private boolean attrReady;

    private NativeLaunch(LaunchSpec spec) throws IOException {
        this.spec = spec;
        List<String> command = spec.dieWithParent()
                ? DeathWithParent.wrap(spec.command(), spec.workingDirectory()) : spec.command();
        this.program = command.get(0);
        this.argv = new StringArray(command.toArray(new String[0]));
        this.envp = spec.environment().isEmpty() ? null : new StringArray(environment(spec.environment()));
        this.cpuMask = cpuMask(spec.scheduling().cpus());
        this.stdinBytes = spec.stdinBytes();
        this.ownGroup = spec.newProcessGroup() || spec.newSession();
    }

    /**
     * Prepares a launch: opens the child's stdio in the parent and fills the file actions and attributes.
     *
     * @param spec what to start
     * @return the prepared launch, to {@link #spawn} on a spawner thread and then {@link #close}
     * @throws IOException if a file for stdin, stdout or stderr cannot be opened, a pipe cannot be created, or
     *     the CPU list cannot be expressed
     * @throws UnsupportedOperationException if the spec asks for death with the parent and no helper exists
     */
    static NativeLaunch prepare(LaunchSpec spec) throws IOException {
        NativeLaunch launch = new NativeLaunch(spec);
        try {
            launch.fillFileActions();
            launch.fillAttributes();
            return launch;
        } catch (IOException | RuntimeException e) {
            launch.close();
            throw e;
        }
    }

    private static String[] environment(Map<String, String> changes) {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        changes.forEach((key, value) -> {
            if (value == null) {
                env.remove(key);
            } else {
                env.put(key, value);
            }
        });
        return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    private static Memory cpuMask(int[] cpus) {
        if (cpus.length == 0) {
            return null;
        }
        Memory mask = new Memory(LibC.CPU_SET_BYTES);
        mask.clear();
        for (int cpu : cpus) {
            if (cpu >= LibC.CPU_SET_BYTES * 8) {
                throw new IllegalArgumentException("CPU " + cpu + " is beyond the " + LibC.CPU_SET_BYTES * 8
                        + " CPUs a cpu_set_t can name");
            }
            long offset = cpu / 8;
            mask.setByte(offset, (byte) (mask.getByte(offset) | (1 << (cpu % 8))));
        }
        return mask;
    }

    private void fillFileActions() throws IOException {
        check(LibC.posix_spawn_file_actions_init(fileActions), "posix_spawn_file_actions_init");
        actionsReady = true;
        if (stdinBytes != null) {
            int[] fds = new int[2];
            if (LibC.pipe2(fds, LibC.O_CLOEXEC) != 0) {
                throw new IOException("cannot create the child's stdin pipe: " + LibC.describe(LibC.errno()));
            }
            childEnds.add(fds[0]);
            stdinWriteEnd = fds[1];
            check(LibC.posix_spawn_file_actions_adddup2(fileActions, fds[0], 0), "adddup2 stdin");
        } else {
            source(spec.stdin());
        }
        StreamTarget out = spec.stdout();
        StreamTarget err = spec.stderr();
        redirect(out, 1, "stdout");
        if (err.kind() != StreamTarget.Kind.INHERIT && err.kind() != StreamTarget.Kind.PIPE && err.equals(out)) {
            check(LibC.posix_spawn_file_actions_adddup2(fileActions, 1, 2), "adddup2 stderr");
        } else {
            redirect(err, 2, "stderr");
        }
        int firstClosed = ControlPipes.CHILD_READS_FD;
        if (spec.controlPipes()) {
            controlPipes();
            firstClosed = ControlPipes.CHILD_WRITES_FD + 1;
        }
        check(LibC.posix_spawn_file_actions_addclosefrom_np(fileActions, firstClosed), "addclosefrom_np");
        if (spec.workingDirectory() != null) {
            check(LibC.posix_spawn_file_actions_addchdir_np(fileActions, spec.workingDirectory().toString()),
                    "addchdir_np");
        }
    }

    /** Standard input from {@link LaunchSpec#stdin()}, when no stdin bytes are given. */
    private void source(StreamTarget source) throws IOException {
        String path;
        switch (source.kind()) {
            case INHERIT -> {
                return;
            }
            case PIPE -> {
                int[] fds = pipe("stdin");
                childEnds.add(fds[0]);
                parentStdin = fds[1];
                check(LibC.posix_spawn_file_actions_adddup2(fileActions, fds[0], 0), "adddup2 stdin");
                return;
            }
            case DISCARD -> path = "/dev/null";
            case FILE -> path = source.file().toString();
            default -> throw new IllegalStateException("unknown stream source " + source.kind());
        }
        int opened = LibC.open(path, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        if (opened < 0) {
            throw new IOException("cannot open " + path + " for the child's stdin: " + LibC.describe(LibC.errno()));
        }
        childEnds.add(opened);
        check(LibC.posix_spawn_file_actions_adddup2(fileActions, opened, 0), "adddup2 stdin");
    }

    /**
     * The two control pipes, their child ends placed at the descriptors {@link ControlPipes} names. Those ends are
     * first moved above the target descriptors if need be, so that placing one cannot overwrite the other.
     */
    private void controlPipes() throws IOException {
        int[] down = pipe("control");
        parentControlOut = down[1];
        int childReads = above(down[0], ControlPipes.CHILD_WRITES_FD);
        childEnds.add(childReads);
        int[] up = pipe("control");
        parentControlIn = up[0];
        int childWrites = above(up[1], ControlPipes.CHILD_WRITES_FD);
        childEnds.add(childWrites);
        check(LibC.posix_spawn_file_actions_adddup2(fileActions, childReads, ControlPipes.CHILD_READS_FD),
                "adddup2 control");
        check(LibC.posix_spawn_file_actions_adddup2(fileActions, childWrites, ControlPipes.CHILD_WRITES_FD),
                "adddup2 control");
    }

    /** A close-on-exec descriptor numbered above {@code floor}: {@code fd} itself, or a copy (closing fd). */
    private static int above(int fd, int floor) throws IOException {
        if (fd > floor) {
            return fd;
        }
        int copy = LibC.fcntl(fd, LibC.F_DUPFD_CLOEXEC, floor + 1);
        LibC.close(fd);
        if (copy < 0) {
            throw new IOException("cannot move a control pipe above descriptor " + floor + ": "
                    + LibC.describe(LibC.errno()));
        }
        return copy;
    }

    private static int[] pipe(String stream) throws IOException {
        int[] fds = new int[2];
        if (LibC.pipe2(fds, LibC.O_CLOEXEC) != 0) {
            throw new IOException("cannot create the child's " + stream + " pipe: " + LibC.describe(LibC.errno()));
        }
        return fds;
    }

    private void redirect(StreamTarget target, int fd, String stream) throws IOException {
        String path;
        int flags = LibC.O_WRONLY | LibC.O_CLOEXEC;
        switch (target.kind()) {
            case INHERIT -> {
                return;
            }
            case PIPE -> {
                int[] fds = pipe(stream);
                childEnds.add(fds[1]);
                if (fd == 1) {
                    parentStdout = fds[0];
                } else {
                    parentStderr = fds[0];
                }
                check(LibC.posix_spawn_file_actions_adddup2(fileActions, fds[1], fd), "adddup2 " + stream);
                return;
            }
            case DISCARD -> path = "/dev/null";
            case FILE -> {
                path = target.file().toString();
                flags |= LibC.O_CREAT | (target.append() ? LibC.O_APPEND : LibC.O_TRUNC);
            }
            default -> throw new IllegalStateException("unknown stream target " + target.kind());
        }
        int opened = LibC.open(path, flags, 0666);
        if (opened < 0) {
            throw new IOException("cannot open " + path + " for the child's " + stream + ": "
                    + LibC.describe(LibC.errno()));
        }
        childEnds.add(opened);
        check(LibC.posix_spawn_file_actions_adddup2(fileActions, opened, fd), "adddup2 " + stream);
    }

    private void fillAttributes() throws IOException {
        check(LibC.posix_spawnattr_init(attr), "posix_spawnattr_init");
        attrReady = true;
        short flags = LibC.POSIX_SPAWN_SETSIGMASK | LibC.POSIX_SPAWN_SETSIGDEF;
        LibC.sigemptyset(sigmask);
        LibC.sigfillset(sigdefault);
        // sigfillset leaves out glibc's two internal signals (32 and 33), which posix_spawn would then leave
        // ignored in the new program (ProcessBuilder's children have them ignored). Default them too: the new
        // program's own C library installs its handlers for them at start-up.
        sigdefault.setByte(3, (byte) (sigdefault.getByte(3) | 0x80));
        sigdefault.setByte(4, (byte) (sigdefault.getByte(4) | 0x01));
        check(LibC.posix_spawnattr_setsigmask(attr, sigmask), "setsigmask");
        check(LibC.posix_spawnattr_setsigdefault(attr, sigdefault), "setsigdefault");
        if (spec.newSession()) {
            // setsid() makes the child leader of a new session and of a new group; setpgid would then fail.
            flags |= LibC.POSIX_SPAWN_SETSID;
        } else if (spec.newProcessGroup()) {
            flags |= LibC.POSIX_SPAWN_SETPGROUP;
            check(LibC.posix_spawnattr_setpgroup(attr, 0), "setpgroup");
        }
        Scheduling.Policy policy = spec.scheduling().policy();
        if (policy != null) {
            flags |= LibC.POSIX_SPAWN_SETSCHEDULER;
            setPolicy(policyNumber(policy));
            schedParam.setInt(0, spec.scheduling().priority());
            check(LibC.posix_spawnattr_setschedparam(attr, schedParam), "setschedparam");
        }
        check(LibC.posix_spawnattr_setflags(attr, flags), "setflags");
    }

    /**
     * The child sets its policy itself, before {@code execve}, with {@code sched_setscheduler(0, policy, ...)}.
     * glibc's setter accepts only the POSIX policies (other, FIFO, RR), but the child passes any value on to the
     * kernel; so batch and idle are written into the attribute's public {@code __policy} field, after checking
     * with the getter that the field is where {@code <spawn.h>} puts it.
     */
    private void setPolicy(int number) throws IOException {
        if (number == LibC.SCHED_OTHER || number == LibC.SCHED_FIFO || number == LibC.SCHED_RR) {
            check(LibC.posix_spawnattr_setschedpolicy(attr, number), "setschedpolicy");
            return;
        }
        check(LibC.posix_spawnattr_setschedpolicy(attr, LibC.SCHED_RR), "setschedpolicy");
        boolean found = attr.getInt(LibC.SPAWNATTR_POLICY_OFFSET) == LibC.SCHED_RR;
        int[] read = new int[1];
        if (found) {
            attr.setInt(LibC.SPAWNATTR_POLICY_OFFSET, number);
            check(LibC.posix_spawnattr_getschedpolicy(attr, read), "getschedpolicy");
        }
        if (!found || read[0] != number) {
            throw new UnsupportedOperationException("policy " + spec.scheduling().policy() + " cannot be set: this "
                    + "C library's posix_spawnattr_t does not have the layout of glibc's <spawn.h>");
        }
    }

    private static int policyNumber(Scheduling.Policy policy) {
        return switch (policy) {
            case NORMAL -> LibC.SCHED_OTHER;
            case BATCH -> LibC.SCHED_BATCH;
            case IDLE -> LibC.SCHED_IDLE;
            case FIFO -> LibC.SCHED_FIFO;
            case ROUND_ROBIN -> LibC.SCHED_RR;
        };
    }

    private static void check(int result, String call) throws IOException {
        if (result != 0) {
            throw new IOException(call + " failed: " + LibC.describe(result));
        }
    }

    /** @return whether the child leads a process group of its own */
    boolean ownGroup() {
        return ownGroup;
    }

    /**
     * Starts the child; runs on a spawner thread. The CPU affinity, if any, is set on this thread around the
     * call and restored after it.
     *
     * @return the child's pid
     * @throws IOException if the kernel refused the affinity or the spawn (with the reason and what was asked)
     */
    int spawn() throws IOException {
        Memory saved = null;
        if (cpuMask != null) {
            saved = new Memory(LibC.CPU_SET_BYTES);
            if (LibC.sched_getaffinity(0, LibC.CPU_SET_BYTES, saved) != 0) {
                throw new IOException("cannot read the spawning thread's CPU affinity: " + LibC.describe(LibC.errno()));
            }
            if (LibC.sched_setaffinity(0, LibC.CPU_SET_BYTES, cpuMask) != 0) {
                throw new IOException("the kernel refused CPU affinity " + Arrays.toString(spec.scheduling().cpus())
                        + " for the child: " + LibC.describe(LibC.errno())
                        + "; the CPUs must exist and be among those this process may use");
            }
        }
        int[] pid = new int[1];
        int result;
        try {
            Pointer env = envp != null ? envp : ENVIRON_ADDRESS.getPointer(0);
            result = program.indexOf('/') >= 0
                    ? LibC.posix_spawn(pid, program, fileActions, attr, argv, env)
                    : LibC.posix_spawnp(pid, program, fileActions, attr, argv, env);
        } finally {
            if (saved != null && LibC.sched_setaffinity(0, LibC.CPU_SET_BYTES, saved) != 0) {
                // The child exists either way and must be returned; later children inherit the narrower set.
                LOG.log(System.Logger.Level.WARNING, "cannot restore the CPU affinity of thread "
                        + Thread.currentThread().getName() + ": " + LibC.describe(LibC.errno()));
            }
        }
        if (result != 0) {
            throw new IOException(spawnFailure(result));
        }
        return pid[0];
    }

    private String spawnFailure(int errno) {
        StringBuilder b = new StringBuilder("cannot start ").append(program).append(": ").append(LibC.describe(errno));
        Scheduling.Policy policy = spec.scheduling().policy();
        if (policy != null && (errno == LibC.EPERM || errno == LibC.EINVAL)) {
            b.append("; the kernel refused scheduling policy ").append(policy);
            if (policy.isRealTime()) {
                b.append(" priority ").append(spec.scheduling().priority())
                        .append(" (real-time policies need CAP_SYS_NICE or RLIMIT_RTPRIO)");
            }
        }
        if (spec.workingDirectory() != null) {
            b.append(" (working directory ").append(spec.workingDirectory()).append(')');
        }
        return b.toString();
    }

    /**
     * After the spawn, in the caller's thread: closes the parent's copies of the child's descriptors, then
     * writes the stdin bytes and closes the pipe, so the child reads them followed by end-of-file. A child that
     * ends before reading everything makes the write fail with {@code EPIPE}; its exit status tells the rest.
     */
    void feedStdin() {
        closeChildEnds();
        if (stdinWriteEnd < 0) {
            return;
        }
        try {
            if (stdinBytes.length > 0) {
                Memory buffer = new Memory(stdinBytes.length);
                buffer.write(0, stdinBytes, 0, stdinBytes.length);
                long done = 0;
                while (done < stdinBytes.length) {
                    long n = LibC.write(stdinWriteEnd, buffer.share(done), stdinBytes.length - done);
                    if (n < 0) {
                        if (LibC.errno() == LibC.EINTR) {
                            continue;
                        }
                        break;
                    }
                    done += n;
                }
            }
        } finally {
            LibC.close(stdinWriteEnd);
            stdinWriteEnd = -1;
        }
    }

    /**
     * After the spawn and {@link #feedStdin}: hands the parent's pipe ends to the child, as the api's
     * thread-per-stream adapters over {@link PipeEnds} streams. On failure every end is closed (the caller kills
     * the child).
     *
     * @param child the spawned child
     * @throws IOException if an end cannot be turned into a stream
     */
    void attachPipes(PosixChild child) throws IOException {
        String prefix = "mproc-subprocess-" + child.pid() + "-";
        OutputStream in = null;
        InputStream out = null;
        InputStream err = null;
        try {
            if (parentStdin >= 0) {
                int fd = parentStdin;
                parentStdin = -1;
                in = PipeEnds.output(fd);
            }
            if (parentStdout >= 0) {
                int fd = parentStdout;
                parentStdout = -1;
                out = PipeEnds.input(fd);
            }
            if (parentStderr >= 0) {
                int fd = parentStderr;
                parentStderr = -1;
                err = PipeEnds.input(fd);
            }
        } catch (IOException | RuntimeException e) {
            for (Closeable c : new Closeable[] {in, out, err}) {
                if (c != null) {
                    try {
                        c.close();
                    } catch (IOException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
            }
            throw e;
        }
        if (parentControlIn >= 0) {
            attachControlPipes(child);
        }
        child.attachPipes(in == null ? null : new OutputStreamStdin(in, prefix + "stdin"),
                out == null ? null : new InputStreamPublisher(out, prefix + "stdout"),
                err == null ? null : new InputStreamPublisher(err, prefix + "stderr"));
    }

    private void attachControlPipes(PosixChild child) throws IOException {
        int inFd = parentControlIn;
        int outFd = parentControlOut;
        parentControlIn = -1;
        parentControlOut = -1;
        FileChannel fromChild = null;
        try {
            fromChild = PipeEnds.readChannel(inFd);
            child.attachControlPipes(new ControlPipes(fromChild, PipeEnds.writeChannel(outFd)));
        } catch (IOException | RuntimeException e) {
            if (fromChild == null) {
                LibC.close(outFd);
            } else {
                fromChild.close();
            }
            throw e;
        }
    }

    private void closeChildEnds() {
        for (int fd : childEnds) {
            LibC.close(fd);
        }
        childEnds.clear();
    }

    @Override
    public void close() {
        closeChildEnds();
        if (stdinWriteEnd >= 0) {
            LibC.close(stdinWriteEnd);
            stdinWriteEnd = -1;
        }
        for (int fd : new int[] {parentStdin, parentStdout, parentStderr, parentControlIn, parentControlOut}) {
            if (fd >= 0) {
                LibC.close(fd);
            }
        }
        parentStdin = -1;
        parentStdout = -1;
        parentStderr = -1;
        parentControlIn = -1;
        parentControlOut = -1;
        if (actionsReady) {
            LibC.posix_spawn_file_actions_destroy(fileActions);
            actionsReady = false;
        }
        if (attrReady) {
            LibC.posix_spawnattr_destroy(attr);
            attrReady = false;
        }
    }
}
