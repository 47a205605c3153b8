package dev.mproc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a context is put together and how its children are launched. Immutable; build with {@link #builder()}.
 *
 * <p>Backends are chosen by name here, else by the system properties {@value #SPAWN_PROPERTY} and
 * {@value #IPC_PROPERTY}, else the available backend with the highest priority wins.
 */
public final class ContextOptions {

    /** System property naming the spawn backend when the code does not. */
    public static final String SPAWN_PROPERTY = "mproc.spawn";
    /** System property that turns class-data sharing for children off when set to {@code false}. */
    public static final String CDS_PROPERTY = "mproc.cds";

    /** System property naming the IPC backend when the code does not. */
    public static final String IPC_PROPERTY = "mproc.ipc";

    /**
     * JVM options a child gets when none are configured, tuned for a fast start (the price of a fresh JVM is
     * paid on every {@code start()}): only the C1 compiler, with one compiler thread, which on a 2-CPU machine
     * cut start+join of an empty target from ≈ 106 ms to ≈ 85 ms; no shared performance-data file; and native
     * access for the class path, which JNA and Netty's native transport need and which JDK 22+ otherwise warns
     * about. A child that computes for long stretches runs faster with {@link #PEAK_PERFORMANCE_JVM_OPTIONS}.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1", "-XX:-UsePerfData", "--enable-native-access=ALL-UNNAMED");

    /**
     * JVM options for children that compute for long stretches (pool workers crunching numbers): the JVM's
     * default tiered compilation up to C2, at the price of a slower start.
     */
    public static final List<String> PEAK_PERFORMANCE_JVM_OPTIONS = List.of("-XX:-UsePerfData",
            "--enable-native-access=ALL-UNNAMED");

    private final String spawnBackend;
    private final String ipcBackend;
    private final List<String> jvmOptions;
    private final String classPath;
    private final Path javaExecutable;
    private final StreamTarget stdout;
    private final StreamTarget stderr;
    private final int maxFrameBytes;
    private final Duration connectTimeout;
    private final int standbyProcesses;
    private final boolean classDataSharing;
    private final Scheduling scheduling;

    private ContextOptions(Builder b) {
        this.spawnBackend = b.spawnBackend;
        this.ipcBackend = b.ipcBackend;
        this.jvmOptions = List.copyOf(b.jvmOptions);
        this.classPath = b.classPath;
        this.javaExecutable = b.javaExecutable;
        this.stdout = b.stdout;
        this.stderr = b.stderr;
        this.maxFrameBytes = b.maxFrameBytes;
        this.connectTimeout = b.connectTimeout;
        this.standbyProcesses = b.standbyProcesses;
        this.classDataSharing = b.classDataSharing;
        this.scheduling = b.scheduling;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the spawn backend chosen in code, if any */
    public Optional<String> spawnBackend() {
        return Optional.ofNullable(spawnBackend);
    }

    /** @return the IPC backend chosen in code, if any */
    public Optional<String> ipcBackend() {
        return Optional.ofNullable(ipcBackend);
    }

    /** @return the options every child JVM gets, before its main class */
    public List<String> jvmOptions() {
        return jvmOptions;
    }

    /** @return the child class path; empty means the parent's {@code java.class.path} */
    public Optional<String> classPath() {
        return Optional.ofNullable(classPath);
    }

    /** @return the {@code java} launcher for children; empty means the parent's own ({@code java.home}) */
    public Optional<Path> javaExecutable() {
        return Optional.ofNullable(javaExecutable);
    }

    /** @return where children's standard output goes (inherited by default, as in Python) */
    public StreamTarget stdout() {
        return stdout;
    }

    /** @return where children's standard error goes (inherited by default) */
    public StreamTarget stderr() {
        return stderr;
    }

    /** @return the largest message a peer may send over the control channel */
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** @return how long a child may take to connect back and authenticate before it gives up */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return how many booted, authenticated, idle child JVMs the context keeps ready for {@code start()} */
    public int standbyProcesses() {
        return standbyProcesses;
    }

    /**
     * @return whether children start from a class-data-sharing archive that mproc creates and reuses (on by
     *     default; see {@link Builder#classDataSharing(boolean)})
     */
    public boolean classDataSharing() {
        return classDataSharing;
    }

    /** @return how children are scheduled (nice value, CPUs, policy); {@link Scheduling#inherit()} by default */
    public Scheduling scheduling() {
        return scheduling;
    }

    /** Builds {@link ContextOptions}. Not thread-safe. */
    public static final class Builder {
        private String spawnBackend;
        private String ipcBackend;
        private final List<String> jvmOptions = new ArrayList<>(DEFAULT_JVM_OPTIONS);
        private String classPath;
        private Path javaExecutable;
        private StreamTarget stdout = StreamTarget.inherit();
        private StreamTarget stderr = StreamTarget.inherit();
        private int maxFrameBytes = 256 << 20;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private int standbyProcesses;
        private boolean classDataSharing = !"false".equals(System.getProperty(CDS_PROPERTY));
        private Scheduling scheduling = Scheduling.inherit();

        private Builder() {
        }

        /**
         * @param name the spawn backend to use, overriding {@value ContextOptions#SPAWN_PROPERTY}
         * @return this builder
         */
        public Builder spawnBackend(String name) {
            this.spawnBackend = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * @param name the IPC backend to use, overriding {@value ContextOptions#IPC_PROPERTY}
         * @return this builder
         */
        public Builder ipcBackend(String name) {
            this.ipcBackend = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Replaces the child JVM options (the default is {@link ContextOptions#DEFAULT_JVM_OPTIONS}).
         *
         * @param options options such as {@code -Xmx256m}; must not contain secrets (command lines are public)
         * @return this builder
         */
        public Builder jvmOptions(List<String> options) {
            jvmOptions.clear();
            jvmOptions.addAll(options);
            return this;
        }

        /**
         * @param classPath the class path children run with, instead of the parent's
         * @return this builder
         */
        public Builder classPath(String classPath) {
            this.classPath = Objects.requireNonNull(classPath, "classPath");
            return this;
        }

        /**
         * @param java the {@code java} launcher children run with, instead of the parent's
         * @return this builder
         */
        public Builder javaExecutable(Path java) {
            this.javaExecutable = Objects.requireNonNull(java, "java");
            return this;
        }

        /**
         * @param target where children's standard output goes
         * @return this builder
         * @throws IllegalArgumentException for {@link StreamTarget#pipe()}: nothing would read a child JVM's pipe
         */
        public Builder stdout(StreamTarget target) {
            this.stdout = childOutput(target, "stdout");
            return this;
        }

        /**
         * @param target where children's standard error goes
         * @return this builder
         * @throws IllegalArgumentException for {@link StreamTarget#pipe()}: nothing would read a child JVM's pipe
         */
        public Builder stderr(StreamTarget target) {
            this.stderr = childOutput(target, "stderr");
            return this;
        }

        private static StreamTarget childOutput(StreamTarget target, String stream) {
            Objects.requireNonNull(target, "target");
            if (target.kind() == StreamTarget.Kind.PIPE) {
                throw new IllegalArgumentException("a child process's " + stream + " cannot be a pipe: nothing "
                        + "would read it; pipes are for subprocesses (Context.subprocess)");
            }
            return target;
        }

        /**
         * @param bytes the largest message a peer may send; a larger one closes that peer's connection
         * @return this builder
         */
        public Builder maxFrameBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxFrameBytes must be at least 1024, got " + bytes);
            }
            this.maxFrameBytes = bytes;
            return this;
        }

        /**
         * @param timeout how long a child may take to connect back and authenticate
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("connectTimeout must be positive, got " + timeout);
            }
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * Keeps {@code n} child JVMs booted and authenticated, waiting for a task — the role Python's forkserver
         * plays: {@code start()} hands its task to one of them (it learns its name and daemon flag with the task)
         * and a replacement boots in the background. A standby child runs one task only, so every process keeps
         * fresh static state and its own pid; until it takes a task it is in no listing, and it dies with its
         * parent. Off (0) by default: each idle standby holds a JVM's memory.
         *
         * @param n the number of standby children, 0 to turn standby off
         * @return this builder
         */
        public Builder standbyProcesses(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("standbyProcesses must not be negative, got " + n);
            }
            this.standbyProcesses = n;
            return this;
        }

        /**
         * Starts children from an application class-data-sharing archive: the classes a child loads (the JDK's,
         * mproc's, the application's) are mapped from a file instead of parsed and verified again, which cut
         * start+join of an empty target by ≈ 15 ms on JDK 17 here. The first child of a class path records the
         * archive when it exits (that one child's exit is slower); later children, in any process of the same user,
         * use it. Archives live in {@code $XDG_CACHE_HOME/mproc/cds} (or {@code ~/.cache/mproc/cds}), one per JDK
         * build, JVM options and class path (paths, sizes and modification times of its jars), so a change of any
         * of them records a new one. Applies only where the JVM can archive: the child runs the same JDK as this
         * one and its class path consists of jar files (a directory of classes on it rules the archive out), and
         * the JVM options choose no archive of their own. On by default; the system property
         * {@value ContextOptions#CDS_PROPERTY}{@code =false} turns the default off.
         *
         * @param enabled {@code false} to start every child without an mproc archive
         * @return this builder
         */
        public Builder classDataSharing(boolean enabled) {
            this.classDataSharing = enabled;
            return this;
        }

        /**
         * Schedules every child of the context this way from its start: nice value, CPU affinity, policy. Needs a
         * spawn backend that controls the kernel ({@code posix-fork}); others refuse anything but
         * {@link Scheduling#inherit()} at {@code start()}.
         *
         * @param value the scheduling of children
         * @return this builder
         */
        public Builder scheduling(Scheduling value) {
            this.scheduling = Objects.requireNonNull(value, "scheduling");
            return this;
        }

        /** @return the options */
        public ContextOptions build() {
            return new ContextOptions(this);
        }
    }
}
