package dev.mproc.spi;

import dev.mproc.Scheduling;
import dev.mproc.StreamTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a {@link SpawnBackend} needs to start one child: the command, its environment, where its standard
 * streams go, and process attributes. Immutable; build with {@link #builder(List)}.
 *
 * <p>Standard input is inherited, a pipe from which the child reads {@link #stdinBytes()} followed by
 * end-of-file, or — for subprocesses — any {@link #stdin()} target. mproc uses the first pipe to hand a fresh
 * child its bootstrap record (including the context's secret), so that nothing secret appears on the command
 * line, which every user can read through {@code /proc}.
 *
 * <p>{@link StreamTarget#pipe() Pipes} for stdin, stdout or stderr (subprocesses only): the backend creates the
 * pipe, gives the child its end, closes that end in the parent, and hands the parent's end out through
 * {@link SpawnedProcess#stdin()}, {@link SpawnedProcess#stdout()} and {@link SpawnedProcess#stderr()}. The
 * parent's ends must not leak into other children (close-on-exec).
 */
public final class LaunchSpec {

    private final List<String> command;
    private final Path workingDirectory;
    private final Map<String, String> environment;
    private final byte[] stdinBytes;
    private final StreamTarget stdin;
    private final StreamTarget stdout;
    private final StreamTarget stderr;
    private final boolean dieWithParent;
    private final boolean controlPipes;
    private final boolean newProcessGroup;
    private final boolean newSession;
    private final Scheduling scheduling;

    private LaunchSpec(Builder b) {
        this.command = List.copyOf(b.command);
        this.workingDirectory = b.workingDirectory;
        this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(b.environment));
        this.stdinBytes = b.stdinBytes == null ? null : b.stdinBytes.clone();
        this.stdin = b.stdin;
        this.stdout = b.stdout;
        this.stderr = b.stderr;
        this.dieWithParent = b.dieWithParent;
        this.controlPipes = b.controlPipes;
        this.newProcessGroup = b.newProcessGroup;
        this.newSession = b.newSession;
        this.scheduling = b.scheduling;
    }

    /**
     * Starts a builder.
     *
     * @param command the program and its arguments; the program is an absolute path or found on {@code PATH}
     * @return a builder with inherited streams and environment
     */
    public static Builder builder(List<String> command) {
        return new Builder(command);
    }

    /** @return the program and its arguments, never empty */
    public List<String> command() {
        return command;
    }

    /** @return the child's working directory, or {@code null} to inherit the parent's */
    public Path workingDirectory() {
        return workingDirectory;
    }

    /**
     * Changes to the inherited environment: a key mapped to a value sets it, a key mapped to {@code null}
     * removes it.
     *
     * @return the changes, unmodifiable
     */
    public Map<String, String> environment() {
        return environment;
    }

    /** @return the bytes to write to the child's standard input before closing it; {@code null} to inherit stdin */
    public byte[] stdinBytes() {
        return stdinBytes == null ? null : stdinBytes.clone();
    }

    /**
     * Where standard input comes from when {@link #stdinBytes()} is {@code null}: inherited, {@code /dev/null}
     * ({@link StreamTarget.Kind#DISCARD}), a file the child reads, or a pipe the parent writes.
     *
     * @return the source; {@link StreamTarget#inherit()} when {@link #stdinBytes()} is set
     */
    public StreamTarget stdin() {
        return stdin;
    }

    /** @return where standard output goes */
    public StreamTarget stdout() {
        return stdout;
    }

    /** @return where standard error goes */
    public StreamTarget stderr() {
        return stderr;
    }

    /**
     * Whether the child must be killed (SIGKILL) when the process that started it dies, whatever the cause —
     * set for subprocesses, which, unlike mproc's child JVMs, run no code of ours that could arrange it at boot.
     * A backend that cannot guarantee it refuses the spec.
     *
     * @return whether the child dies with its parent
     */
    public boolean dieWithParent() {
        return dieWithParent;
    }

    /**
     * Whether the child gets two control pipes to its parent at fixed descriptors (see {@link ControlPipes});
     * only asked of a backend that {@linkplain SpawnBackend#supportsControlPipes() supports them}.
     *
     * @return whether to create them
     */
    public boolean controlPipes() {
        return controlPipes;
    }

    /** @return whether the child is made leader of a new process group, so a signal can reach its descendants */
    public boolean newProcessGroup() {
        return newProcessGroup;
    }

    /**
     * @return whether the child is made leader of a new session (and so of a new process group), detached from
     *     the parent's controlling terminal, as {@code setsid(2)} does
     */
    public boolean newSession() {
        return newSession;
    }

    /** @return how the child is scheduled from its start; {@link Scheduling#inherit()} changes nothing */
    public Scheduling scheduling() {
        return scheduling;
    }

    /** Builds a {@link LaunchSpec}. Not thread-safe. */
    public static final class Builder {
        private final List<String> command;
        private Path workingDirectory;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private byte[] stdinBytes;
        private StreamTarget stdin = StreamTarget.inherit();
        private StreamTarget stdout = StreamTarget.inherit();
        private StreamTarget stderr = StreamTarget.inherit();
        private boolean dieWithParent;
        private boolean controlPipes;
        private boolean newProcessGroup;
        private boolean newSession;
        private Scheduling scheduling = Scheduling.inherit();

        private Builder(List<String> command) {
            Objects.requireNonNull(command, "command");
            if (command.isEmpty()) {
                throw new IllegalArgumentException("command must name a program");
            }
            this.command = new ArrayList<>(command);
        }

        /**
         * @param dir the working directory, or {@code null} to inherit
         * @return this builder
         */
        public Builder workingDirectory(Path dir) {
            this.workingDirectory = dir;
            return this;
        }

        /**
         * @param key the variable
         * @param value its value, or {@code null} to remove it from the inherited environment
         * @return this builder
         */
        public Builder environment(String key, String value) {
            environment.put(Objects.requireNonNull(key, "key"), value);
            return this;
        }

        /**
         * @param bytes bytes the child reads from its standard input, then end-of-file; {@code null} to inherit
         * @return this builder
         */
        public Builder stdinBytes(byte[] bytes) {
            this.stdinBytes = bytes == null ? null : bytes.clone();
            return this;
        }

        /**
         * @param source where standard input comes from; {@link #build()} throws {@link IllegalStateException} if
         *     {@link #stdinBytes(byte[])} is set too and this is not {@link StreamTarget#inherit()}
         * @return this builder
         * @throws IllegalArgumentException for an appending file target, which means nothing for input
         */
        public Builder stdin(StreamTarget source) {
            Objects.requireNonNull(source, "source");
            if (source.append()) {
                throw new IllegalArgumentException("standard input cannot append to a file: " + source.file());
            }
            this.stdin = source;
            return this;
        }

        /**
         * @param target where standard output goes
         * @return this builder
         */
        public Builder stdout(StreamTarget target) {
            this.stdout = Objects.requireNonNull(target, "target");
            return this;
        }

        /**
         * @param target where standard error goes
         * @return this builder
         */
        public Builder stderr(StreamTarget target) {
            this.stderr = Objects.requireNonNull(target, "target");
            return this;
        }

        /**
         * @param value whether the child is killed when its parent dies
         * @return this builder
         */
        public Builder dieWithParent(boolean value) {
            this.dieWithParent = value;
            return this;
        }

        /**
         * @param value whether the child gets control pipes (see {@link LaunchSpec#controlPipes()})
         * @return this builder
         */
        public Builder controlPipes(boolean value) {
            this.controlPipes = value;
            return this;
        }

        /**
         * @param value whether the child leads a new process group
         * @return this builder
         */
        public Builder newProcessGroup(boolean value) {
            this.newProcessGroup = value;
            return this;
        }

        /**
         * @param value whether the child leads a new session (which implies a new process group)
         * @return this builder
         */
        public Builder newSession(boolean value) {
            this.newSession = value;
            return this;
        }

        /**
         * @param value the child's nice value, CPUs and policy
         * @return this builder
         */
        public Builder scheduling(Scheduling value) {
            this.scheduling = Objects.requireNonNull(value, "scheduling");
            return this;
        }

        /** @return the immutable spec */
        public LaunchSpec build() {
            if (stdinBytes != null && stdin.kind() != StreamTarget.Kind.INHERIT) {
                throw new IllegalStateException("stdin is either the given bytes or " + stdin.kind() + ", not both");
            }
            return new LaunchSpec(this);
        }
    }
}
