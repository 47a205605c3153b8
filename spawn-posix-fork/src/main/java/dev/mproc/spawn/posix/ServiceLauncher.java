package dev.mproc.spawn.posix;

import dev.mproc.spi.LaunchSpec;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The two detached stages of {@link DaemonService#start}, each the main class of a JVM of its own:
 * <ul>
 *   <li>{@value #DETACH}: runs as leader of a new session; spawns the service's JVM (which therefore is in that
 *       session but not its leader) and exits at once, leaving it to be reparented away;</li>
 *   <li>{@value #RUN}: the service. Sets its umask, points standard input at {@code /dev/null}, takes its pid
 *       file, tells the starter how that went, and runs the {@link Service} until it returns or is asked to stop
 *       by {@code SIGTERM}.</li>
 * </ul>
 * Not for direct use: the arguments are what {@link ServiceConfig#command} writes.
 */
public final class ServiceLauncher {

    static final String DETACH = "detach";
    static final String RUN = "run";
    static final String STARTED = "started ";
    static final String RUNNING = "already running ";
    static final String FAILED = "failed ";

    private ServiceLauncher() {
    }

    /**
     * Runs one stage.
     *
     * @param args the stage, then the configuration
     */
    public static void main(String[] args) {
        ServiceConfig config = ServiceConfig.parse(Arrays.asList(args).subList(1, args.length));
        if (args[0].equals(DETACH)) {
            detach(config);
        } else {
            run(config);
        }
    }

    private static void detach(ServiceConfig config) {
        try {
            // Standard streams and working directory are this process's already: the service inherits them.
            PosixSpawnBackend.spawnUnwatched(LaunchSpec.builder(config.command(RUN)).build());
        } catch (IOException | RuntimeException e) {
            System.err.println("mproc service " + config.serviceClass() + ": cannot start the service JVM: " + e);
            System.err.flush();
            Runtime.getRuntime().halt(DaemonService.EXIT_FAILED);
        }
        Runtime.getRuntime().halt(DaemonService.EXIT_OK); // nothing to clean up

    }

    private static void run(ServiceConfig config) {
        LibC.umask(config.umask());
        int devNull = LibC.open("/dev/null", LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        if (devNull >= 0) {
            LibC.dup2(devNull, 0);
            LibC.close(devNull);
        }
        String name = "mproc service " + config.serviceClass();
        SocketChannel report = connect(config);
        PidFile pidFile;
        Service service;
        try {
            PidFile.Acquired acquired = PidFile.acquire(config.pidFile());
            if (acquired.file() == null) {
                tell(report, RUNNING + acquired.holder());
                System.err.println(name + ": already running (pid " + acquired.holder() + ")");
                System.err.flush();
                Runtime.getRuntime().halt(DaemonService.EXIT_FAILED);
                return;
            }
            pidFile = acquired.file();
        } catch (IOException e) {
            tell(report, FAILED + e.getMessage());
            System.err.println(name + ": " + e.getMessage());
            System.err.flush();
            Runtime.getRuntime().halt(DaemonService.EXIT_FAILED);
            return;
        }
        try {
            service = (Service) Class.forName(config.serviceClass()).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            pidFile.remove();
            tell(report, FAILED + "cannot create " + config.serviceClass() + ": " + e);
            e.printStackTrace();
            System.err.flush();
            Runtime.getRuntime().halt(DaemonService.EXIT_FAILED);
            return;
        }
        long pid = ProcessHandle.current().pid();
        System.err.println(name + " started (pid " + pid + ")");
        tell(report, STARTED + pid);
        runService(service, config, pidFile, name);
    }

    /**
     * Runs the service on this (the main) thread. {@code SIGTERM} starts the JVM's shutdown, whose hook asks the
     * service to stop and waits for it (up to the stop timeout); a service that returns by itself exits the JVM,
     * and the same hook then removes the pid file. The lock goes when the process has exited.
     */
    private static void runService(Service service, ServiceConfig config, PidFile pidFile, String name) {
        Control control = new Control(config.serviceArgs());
        CountDownLatch finished = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (control.requestStop()) {
                System.err.println(name + ": stopping (SIGTERM)");
            }
            try {
                if (!finished.await(config.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    System.err.println(name + ": did not stop within " + config.stopTimeout().toSeconds() + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pidFile.remove();
            System.err.println(name + " stopped");
            System.out.flush();
            System.err.flush();
        }, "mproc-service-stop"));
        int code = DaemonService.EXIT_OK;
        try {
            service.run(control);
        } catch (Exception | Error e) { // NOPMD: whatever the service threw ends it with code 1, logged
            System.err.println(name + " failed:");
            e.printStackTrace();
            code = DaemonService.EXIT_FAILED;
        }
        finished.countDown();
        if (!control.stopRequested()) {
            System.exit(code);
        }
        // Stopping by SIGTERM: the JVM is shutting down already; returning lets the hook finish.
    }

    private static SocketChannel connect(ServiceConfig config) {
        if (config.readySocket() == null) {
            return null;
        }
        try {
            return SocketChannel.open(UnixDomainSocketAddress.of(config.readySocket()));
        } catch (IOException e) {
            return null; // the starter gave up waiting: run anyway, it is a daemon
        }
    }

    private static void tell(SocketChannel report, String line) {
        if (report == null) {
            return;
        }
        try (report) {
            ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                report.write(bytes);
            }
        } catch (IOException e) {
            // The starter is gone; nobody to tell.
        }
    }

    /** The stop request: set once, by the shutdown hook. */
    private static final class Control implements ServiceControl {
        private final List<String> args;
        private final CountDownLatch stop = new CountDownLatch(1);

        Control(List<String> args) {
            this.args = List.copyOf(args);
        }

        /** @return whether this call made the request (it had not been made before) */
        boolean requestStop() {
            boolean first = stop.getCount() > 0;
            stop.countDown();
            return first;
        }

        @Override
        public List<String> args() {
            return args;
        }

        @Override
        public boolean stopRequested() {
            return stop.getCount() == 0;
        }

        @Override
        public void awaitStop() throws InterruptedException {
            stop.await();
        }

        @Override
        public boolean awaitStop(Duration timeout) throws InterruptedException {
            return stop.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
    }
}
