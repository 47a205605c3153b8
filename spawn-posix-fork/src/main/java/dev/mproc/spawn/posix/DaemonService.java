package dev.mproc.spawn.posix;

import dev.mproc.StreamTarget;
import dev.mproc.spi.ExitStatus;
import dev.mproc.spi.LaunchSpec;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * A daemon service, done the way seed 002's {@code Daemon} class means it: {@code start | stop | restart |
 * status} of a {@link Service} that runs detached in a JVM of its own.
 *
 * <p><b>Detaching</b> (Python's double fork, with {@code posix_spawn}): {@code start} spawns a first JVM in a
 * new session ({@code setsid}); that one, a session leader, spawns the service's JVM and exits at once, so the
 * service is in a session without a controlling terminal, is not its leader (it can never acquire a terminal),
 * and is reparented away from the caller (to init, or to the nearest subreaper). The service starts in the
 * working directory {@code /}, sets its umask (022 unless configured), reads standard input from
 * {@code /dev/null} and appends standard output and error to log files ({@code /dev/null} unless configured).
 *
 * <p><b>Pid file</b> under an exclusive {@code fcntl} lock that the service holds for its whole life (see
 * {@link PidFile}): a second start says "already running" with the pid of the lock's holder; a pid file left by
 * a service that died is recognised as stale (nobody holds its lock) and taken over. Two starts racing each
 * other are decided by the lock: one service runs, the other start reports the winner's pid.
 *
 * <p><b>Stopping</b>: {@code SIGTERM} to the lock holder. The service's JVM runs its shutdown hook: it asks the
 * service to stop ({@link ServiceControl#awaitStop}), waits up to the stop timeout for {@link Service#run} to
 * return and removes the pid file; the lock goes when the process has exited. {@code stop} returns then; a service
 * whose process has not ended after the stop timeout and five seconds more is killed with {@code SIGKILL}.
 *
 * <p>{@code start} waits until the service holds its pid file (it reports back over a Unix domain socket in a
 * private directory), so its answer is the truth: {@code started (pid N)}, {@code already running (pid N)}, or
 * why it could not start. Exit codes follow the LSB: 0 success (a {@code stop} of a stopped service included);
 * 1 failure, "already running" included; {@code status} gives 0 when running and 3 when not.
 */
public final class DaemonService {

    /** Exit code for success. */
    public static final int EXIT_OK = 0;
    /** Exit code for failure, "already running" included. */
    public static final int EXIT_FAILED = 1;
    /** Exit code for a command line that makes no sense. */
    public static final int EXIT_USAGE = 2;
    /** Exit code of {@code status} when the service is not running. */
    public static final int EXIT_NOT_RUNNING = 3;

    private static final int SIGTERM = 15;
    private static final int SIGKILL = 9;
    private static final Duration KILL_GRACE = Duration.ofSeconds(5);

    private final ServiceConfig config;
    private final Duration startTimeout;

    private DaemonService(ServiceConfig config, Duration startTimeout) {
        this.config = config;
        this.startTimeout = startTimeout;
    }

    /**
     * Starts describing a service.
     *
     * @param service the class the detached JVM runs
     * @param pidFile where the running service's pid is kept, under its lock
     * @return a builder with the defaults
     */
    public static Builder builder(Class<? extends Service> service, Path pidFile) {
        return new Builder(service.getName(), pidFile);
    }

    /**
     * Starts describing a service by class name, as the command line does.
     *
     * @param service the class the detached JVM runs; public, with a public no-argument constructor
     * @param pidFile where the running service's pid is kept, under its lock
     * @return a builder with the defaults
     */
    public static Builder builder(String service, Path pidFile) {
        return new Builder(service, pidFile);
    }

    /**
     * Runs one command.
     *
     * @param command {@code start}, {@code stop}, {@code restart} or {@code status}
     * @param out where the one-line answers go
     * @return the exit code (see the class comment)
     */
    public int run(String command, PrintStream out) {
        return switch (command) {
            case "start" -> start(out);
            case "stop" -> stop(out);
            case "restart" -> restart(out);
            case "status" -> status(out);
            default -> {
                out.println("unknown command '" + command + "' (expected start, stop, restart or status)");
                yield EXIT_USAGE;
            }
        };
    }

    /**
     * Starts the service detached, unless it runs already, and waits until it holds its pid file.
     *
     * @param out where the answer goes: {@code started (pid N)}, {@code already running (pid N)} or why not
     * @return {@link #EXIT_OK} or {@link #EXIT_FAILED}
     */
    public int start(PrintStream out) {
        PosixSupport.ensureAvailable();
        try {
            OptionalLong holder = PidFile.holder(config.pidFile());
            if (holder.isPresent()) {
                out.println("already running (pid " + holder.getAsLong() + ")");
                return EXIT_FAILED;
            }
            Path dir = Files.createTempDirectory("mproc-service-"); // mode 0700: only we can reach the socket
            Path ready = dir.resolve("ready");
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(ready));
                long deadline = System.nanoTime() + startTimeout.toNanos();
                String report = launch(config.withReadySocket(ready), server, deadline);
                return answer(report, out);
            } finally {
                Files.deleteIfExists(ready);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            out.println("not started: " + e.getMessage());
            return EXIT_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("not started: interrupted");
            return EXIT_FAILED;
        }
    }

    private String launch(ServiceConfig withSocket, ServerSocketChannel server, long deadline)
            throws IOException, InterruptedException {
        LaunchSpec detach = LaunchSpec.builder(withSocket.command(ServiceLauncher.DETACH))
                .newSession(true)
                .stdinBytes(new byte[0])
                .stdout(log(config.stdout()))
                .stderr(log(config.stderr()))
                .workingDirectory(config.workingDirectory())
                .build();
        ExitStatus detached;
        try {
            detached = new PosixSpawnBackend().spawn(detach).onExit()
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return "failed the detaching process did not end within " + startTimeout.toSeconds() + " s";
        }
        if (!detached.equals(ExitStatus.exited(0))) {
            return "failed the detaching process ended with exit code " + detached.pythonExitCode() + logHint();
        }
        // The detaching process has exited, so the service has been reparented by now.
        return awaitReport(server, deadline);
    }

    private int answer(String report, PrintStream out) {
        if (report != null && report.startsWith(ServiceLauncher.STARTED)) {
            out.println("started (pid " + report.substring(ServiceLauncher.STARTED.length()).trim() + ")");
            return EXIT_OK;
        }
        if (report != null && report.startsWith(ServiceLauncher.RUNNING)) {
            out.println("already running (pid " + report.substring(ServiceLauncher.RUNNING.length()).trim() + ")");
            return EXIT_FAILED;
        }
        if (report != null && report.startsWith(ServiceLauncher.FAILED)) {
            out.println("not started: " + report.substring(ServiceLauncher.FAILED.length()).trim());
            return EXIT_FAILED;
        }
        out.println("not started: the service did not report within " + startTimeout.toSeconds() + " s"
                + logHint());
        return EXIT_FAILED;
    }

    private String logHint() {
        return ServiceConfig.discards(config.stderr()) ? "" : "; see " + config.stderr();
    }

    /** Reads the service's one-line report; {@code null} if it does not come in time or the service ended first. */
    private static String awaitReport(ServerSocketChannel server, long deadline) throws IOException {
        server.configureBlocking(false);
        ByteBuffer line = ByteBuffer.allocate(512);
        try (Selector selector = Selector.open()) {
            server.register(selector, SelectionKey.OP_ACCEPT);
            while (true) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return null;
                }
                selector.select(left);
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isAcceptable()) {
                        SocketChannel peer = server.accept();
                        if (peer != null) {
                            peer.configureBlocking(false);
                            peer.register(selector, SelectionKey.OP_READ);
                        }
                    } else if (key.isReadable()) {
                        SocketChannel peer = (SocketChannel) key.channel();
                        int n = peer.read(line);
                        String text = new String(line.array(), 0, line.position(), StandardCharsets.UTF_8);
                        if (text.indexOf('\n') >= 0) {
                            peer.close();
                            return text.substring(0, text.indexOf('\n'));
                        }
                        if (n < 0 || !line.hasRemaining()) {
                            peer.close();
                            return text.isEmpty() ? "failed the service ended before it reported" : text;
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        }
    }

    private static StreamTarget log(Path file) {
        return ServiceConfig.discards(file) ? StreamTarget.discard() : StreamTarget.appendTo(file);
    }

    /**
     * Stops the service: {@code SIGTERM} to the holder of the pid file's lock, then waits until it lets go.
     *
     * @param out where the answer goes: {@code stopped (pid N)}, {@code not running}, or
     *     {@code not running (removed the stale pid file of pid N)}
     * @return {@link #EXIT_OK}, or {@link #EXIT_FAILED} if the service could not be stopped
     */
    public int stop(PrintStream out) {
        PosixSupport.ensureAvailable();
        try {
            OptionalLong holder = PidFile.holder(config.pidFile());
            if (holder.isEmpty()) {
                OptionalLong stale = PidFile.recorded(config.pidFile());
                Files.deleteIfExists(config.pidFile());
                out.println(stale.isPresent() ? "not running (removed the stale pid file of pid "
                        + stale.getAsLong() + ")" : "not running");
                return EXIT_OK;
            }
            int pid = (int) holder.getAsLong();
            if (LibC.kill(pid, SIGTERM) != 0) {
                int errno = LibC.errno();
                if (errno != LibC.ESRCH) {
                    out.println("not stopped: cannot signal pid " + pid + ": " + LibC.describe(errno));
                    return EXIT_FAILED;
                }
            }
            FutureTask<Void> released = new FutureTask<>(() -> {
                PidFile.awaitReleased(config.pidFile());
                return null;
            });
            Thread waiter = new Thread(released, "mproc-service-stop-wait");
            waiter.setDaemon(true);
            waiter.start();
            Duration patience = config.stopTimeout().plus(KILL_GRACE);
            try {
                released.get(patience.toMillis(), TimeUnit.MILLISECONDS);
                out.println("stopped (pid " + pid + ")");
            } catch (TimeoutException e) {
                LibC.kill(pid, SIGKILL);
                released.get(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                out.println("stopped (pid " + pid + "): killed with SIGKILL, it had not stopped " + patience.toSeconds()
                        + " s after SIGTERM");
            }
            return EXIT_OK;
        } catch (IOException | ExecutionException | TimeoutException e) {
            out.println("not stopped: " + e.getMessage());
            return EXIT_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("not stopped: interrupted");
            return EXIT_FAILED;
        }
    }

    /**
     * Stops the service if it runs, then starts it.
     *
     * @param out where the answers go, one line per step
     * @return the exit code of the start, or of a failed stop
     */
    public int restart(PrintStream out) {
        int stopped = stop(out);
        return stopped == EXIT_OK ? start(out) : stopped;
    }

    /**
     * Tells whether the service runs: whether some process holds the pid file's lock.
     *
     * @param out where the answer goes: {@code running (pid N)}, {@code not running}, or
     *     {@code not running (stale pid file of pid N)}
     * @return {@link #EXIT_OK} when running, {@link #EXIT_NOT_RUNNING} when not, {@link #EXIT_FAILED} if unknown
     */
    public int status(PrintStream out) {
        PosixSupport.ensureAvailable();
        try {
            OptionalLong holder = PidFile.holder(config.pidFile());
            if (holder.isPresent()) {
                out.println("running (pid " + holder.getAsLong() + ")");
                return EXIT_OK;
            }
            OptionalLong stale = PidFile.recorded(config.pidFile());
            out.println(stale.isPresent() ? "not running (stale pid file of pid " + stale.getAsLong() + ")"
                    : "not running");
            return EXIT_NOT_RUNNING;
        } catch (IOException e) {
            out.println("unknown: " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    /** Builds a {@link DaemonService}. Not thread-safe. */
    public static final class Builder {
        private final String service;
        private final Path pidFile;
        private Path stdout = Path.of("/dev/null");
        private Path stderr = Path.of("/dev/null");
        private int umask = 022;
        private Path workingDirectory = Path.of("/");
        private Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        private String classPath = System.getProperty("java.class.path", "");
        private final List<String> jvmOptions = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED"));
        private final List<String> args = new ArrayList<>();
        private Duration startTimeout = Duration.ofSeconds(30);
        private Duration stopTimeout = Duration.ofSeconds(10);

        private Builder(String service, Path pidFile) {
            this.service = Objects.requireNonNull(service, "service");
            this.pidFile = Objects.requireNonNull(pidFile, "pidFile").toAbsolutePath();
        }

        /**
         * @param log the file the service's standard output is appended to
         * @return this builder
         */
        public Builder stdout(Path log) {
            this.stdout = log.toAbsolutePath();
            return this;
        }

        /**
         * @param log the file the service's standard error is appended to
         * @return this builder
         */
        public Builder stderr(Path log) {
            this.stderr = log.toAbsolutePath();
            return this;
        }

        /**
         * @param mask the service's umask, for example {@code 027}
         * @return this builder
         */
        public Builder umask(int mask) {
            if (mask < 0 || mask > 0777) {
                throw new IllegalArgumentException("a umask is between 0 and 0777, got " + Integer.toOctalString(mask));
            }
            this.umask = mask;
            return this;
        }

        /**
         * @param dir the service's working directory ({@code /} by default, so it pins no file system)
         * @return this builder
         */
        public Builder workingDirectory(Path dir) {
            this.workingDirectory = dir.toAbsolutePath();
            return this;
        }

        /**
         * @param path the {@code java} launcher of the service's JVM (this JVM's by default)
         * @return this builder
         */
        public Builder javaExecutable(Path path) {
            this.java = Objects.requireNonNull(path, "path");
            return this;
        }

        /**
         * @param cp the service JVM's class path (this JVM's by default)
         * @return this builder
         */
        public Builder classPath(String cp) {
            this.classPath = Objects.requireNonNull(cp, "cp");
            return this;
        }

        /**
         * @param options options of the service's JVM, added to {@code --enable-native-access=ALL-UNNAMED}
         * @return this builder
         */
        public Builder jvmOptions(List<String> options) {
            jvmOptions.addAll(options);
            return this;
        }

        /**
         * @param values the arguments the service finds in {@link ServiceControl#args()}
         * @return this builder
         */
        public Builder args(List<String> values) {
            args.clear();
            args.addAll(values);
            return this;
        }

        /**
         * @param timeout how long {@code start} waits for the service to hold its pid file
         * @return this builder
         */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * @param timeout how long the service may take to stop after {@code SIGTERM}
         * @return this builder
         */
        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** @return the service */
        public DaemonService build() {
            return new DaemonService(new ServiceConfig(service, pidFile, stdout, stderr, umask, workingDirectory,
                    java, absolute(classPath), jvmOptions, stopTimeout, null, args), startTimeout);
        }

        /** The service runs in another working directory: relative class path entries would point elsewhere. */
        private static String absolute(String cp) {
            return Arrays.stream(cp.split(File.pathSeparator)).filter(e -> !e.isEmpty())
                    .map(e -> Path.of(e).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
        }
    }
}
