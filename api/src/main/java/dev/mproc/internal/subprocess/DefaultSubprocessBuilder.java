package dev.mproc.internal.subprocess;

import dev.mproc.StreamTarget;
import dev.mproc.spi.LaunchSpec;
import dev.mproc.spi.SpawnedProcess;
import dev.mproc.spi.StdinPipe;
import dev.mproc.subprocess.CompletedProcess;
import dev.mproc.subprocess.Subprocess;
import dev.mproc.subprocess.SubprocessBuilder;
import dev.mproc.subprocess.SubprocessTimeoutException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Flow;

/** The context's {@link SubprocessBuilder}: turns the settings into a {@link LaunchSpec} for the spawn backend. */
public final class DefaultSubprocessBuilder implements SubprocessBuilder {

    /** The context's access to its spawn backend. */
    @FunctionalInterface
    public interface Launcher {
        /**
         * @param spec what to start
         * @return the started process
         * @throws IOException if the operating system refused
         */
        SpawnedProcess spawn(LaunchSpec spec) throws IOException;
    }

    private final Launcher launcher;
    private final String backend;
    private final List<String> command;
    private Path directory;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private StreamTarget stdin = StreamTarget.inherit();
    private boolean stdinSet;
    private StreamTarget stdout = StreamTarget.inherit();
    private StreamTarget stderr = StreamTarget.inherit();
    private boolean newProcessGroup;
    private boolean dieWithParent;

    /**
     * @param launcher starts processes on the context's spawn backend
     * @param backend the spawn backend's name, for messages
     * @param command the program and its arguments
     */
    public DefaultSubprocessBuilder(Launcher launcher, String backend, List<String> command) {
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.backend = backend;
        Objects.requireNonNull(command, "command");
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a subprocess command must name a program");
        }
        command.forEach(arg -> Objects.requireNonNull(arg, "command arguments must not be null"));
        this.command = List.copyOf(command);
    }

    @Override
    public List<String> command() {
        return command;
    }

    @Override
    public SubprocessBuilder directory(Path dir) {
        this.directory = dir;
        return this;
    }

    @Override
    public SubprocessBuilder environment(String name, String value) {
        environment.put(Objects.requireNonNull(name, "name"), value);
        return this;
    }

    @Override
    public SubprocessBuilder environment(Map<String, String> env) {
        Objects.requireNonNull(env, "environment");
        environment.clear();
        for (String inherited : System.getenv().keySet()) {
            environment.put(inherited, null);
        }
        env.forEach((name, value) -> environment.put(Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(value, () -> "value of " + name)));
        return this;
    }

    @Override
    public SubprocessBuilder stdin(StreamTarget source) {
        Objects.requireNonNull(source, "source");
        if (source.append()) {
            throw new IllegalArgumentException("standard input cannot append to a file: " + source.file());
        }
        this.stdin = source;
        this.stdinSet = true;
        return this;
    }

    @Override
    public SubprocessBuilder stdout(StreamTarget target) {
        this.stdout = Objects.requireNonNull(target, "target");
        return this;
    }

    @Override
    public SubprocessBuilder stderr(StreamTarget target) {
        this.stderr = Objects.requireNonNull(target, "target");
        return this;
    }

    @Override
    public SubprocessBuilder newProcessGroup(boolean value) {
        this.newProcessGroup = value;
        return this;
    }

    @Override
    public SubprocessBuilder dieWithParent(boolean value) {
        this.dieWithParent = value;
        return this;
    }

    @Override
    public Subprocess start() throws IOException {
        return start(stdin);
    }

    private RunningSubprocess start(StreamTarget stdinSource) throws IOException {
        LaunchSpec.Builder spec = LaunchSpec.builder(command)
                .workingDirectory(directory)
                .stdin(stdinSource)
                .stdout(stdout)
                .stderr(stderr)
                .newProcessGroup(newProcessGroup)
                .dieWithParent(dieWithParent);
        environment.forEach(spec::environment);
        SpawnedProcess process;
        try {
            process = launcher.spawn(spec.build());
        } catch (IOException e) {
            String reason = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                    : e.getMessage();
            throw new IOException("cannot run program '" + command.get(0) + "'"
                    + (directory == null ? "" : " in directory " + directory) + " (command " + command
                    + ", spawn backend " + backend + "): " + reason, e);
        }
        String what = " of " + command + " (pid " + process.pid() + ")";
        StdinPipe in = pipe(process, stdinSource, process.stdin(), "stdin");
        OutputBuffer out = subscribe(process, stdout, process.stdout(), "standard output" + what, "stdout");
        OutputBuffer err = subscribe(process, stderr, process.stderr(), "standard error" + what, "stderr");
        return new RunningSubprocess(command, process, newProcessGroup, in, out, err);
    }

    private <T> T pipe(SpawnedProcess process, StreamTarget asked, Optional<T> given, String stream) {
        if (asked.kind() != StreamTarget.Kind.PIPE) {
            return null;
        }
        return given.orElseThrow(() -> refusePipes(process, stream));
    }

    private OutputBuffer subscribe(SpawnedProcess process, StreamTarget asked,
            Optional<Flow.Publisher<ByteBuffer>> given, String name, String stream) {
        Flow.Publisher<ByteBuffer> publisher = pipe(process, asked, given, stream);
        if (publisher == null) {
            return null;
        }
        OutputBuffer buffer = new OutputBuffer(name);
        publisher.subscribe(buffer);
        return buffer;
    }

    /** A backend that ignored a pipe it was asked for: kill what it started rather than leave it mis-wired. */
    private UnsupportedOperationException refusePipes(SpawnedProcess process, String stream) {
        try {
            process.signal(9, false);
        } catch (RuntimeException e) {
            // Reported below either way.
        }
        return new UnsupportedOperationException("spawn backend " + backend + " does not provide a pipe for a "
                + "subprocess's " + stream + " (SpawnedProcess." + stream + "() is empty); the process it started "
                + "was killed");
    }

    @Override
    public CompletedProcess run() throws IOException, InterruptedException {
        RunningSubprocess p = start(stdin);
        try {
            return p.communicate().checkExitCode();
        } catch (InterruptedException | RuntimeException | IOException e) {
            p.killQuietly();
            throw e;
        }
    }

    @Override
    public CompletedProcess run(byte[] input, Duration timeout)
            throws IOException, InterruptedException, SubprocessTimeoutException {
        Objects.requireNonNull(timeout, "timeout");
        StreamTarget source = stdin;
        if (input != null) {
            if (!stdinSet) {
                source = StreamTarget.pipe();
            } else if (stdin.kind() != StreamTarget.Kind.PIPE) {
                throw new IllegalArgumentException("input given, but standard input was set to " + stdin.kind());
            }
        }
        RunningSubprocess p = start(source);
        try {
            return p.communicate(input, timeout).checkExitCode();
        } catch (InterruptedException | IOException e) {
            p.killQuietly();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "SubprocessBuilder" + new ArrayList<>(command);
    }
}
