package dev.mproc.examples.service;

import dev.mproc.spawn.posix.DaemonService;
import dev.mproc.spawn.posix.Service;
import dev.mproc.spawn.posix.ServiceControl;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;

/**
 * Seed 002's {@code Daemon} class, done properly (posix-fork): a detached service in its own session with a pid
 * file under a lock, driven by start, status, a second start, restart and stop.
 */
public final class DaemonServiceExample {

    private DaemonServiceExample() {
    }

    /** The service: writes a line to its log every 100 ms until asked to stop. */
    public static final class Clock implements Service {
        /** Created by name in the detached JVM. */
        public Clock() {
        }

        @Override
        public void run(ServiceControl control) throws Exception {
            System.out.println("service started, pid " + ProcessHandle.current().pid());
            while (!control.awaitStop(Duration.ofMillis(100))) {
                System.out.println("tick " + LocalTime.now() + " from pid " + ProcessHandle.current().pid());
            }
            System.out.println("orderly stop");
        }
    }

    /**
     * @param args ignored
     * @throws Exception if the example itself fails
     */
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("mproc-service-");
        Path log = dir.resolve("clock.log");
        DaemonService clock = DaemonService.builder(Clock.class, dir.resolve("clock.pid"))
                .stdout(log).stderr(log)
                .classPath(System.getProperty("java.class.path"))
                .build();
        step("start", clock::start);
        awaitLogged(log, "service started", 1);
        step("status", clock::status);
        step("start again", clock::start);
        step("restart", clock::restart);
        awaitLogged(log, "service started", 2); // the log is appended to: the second start is the restarted service
        step("stop", clock::stop);
        step("status", clock::status);
        boolean started = Files.readAllLines(log).stream().filter(l -> l.startsWith("service started")).count() == 2;
        boolean orderly = Files.readAllLines(log).contains("orderly stop");
        System.out.println("the restarted service logged its start: " + started + "; orderly stop logged: " + orderly);
        System.out.println("why: the service runs detached (its own session, parent gone, cwd /), the pid file's lock "
                + "says who runs it, so a second start is refused, and stop sends SIGTERM, which it answers by "
                + "finishing its loop.");
    }

    /**
     * Waits until the service's log holds a line: start returns once the detached JVM exists, which is before the
     * service's own code has run. The service is another process, so its log is what there is to watch.
     */
    private static void awaitLogged(Path log, String prefix, int times) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readAllLines(log).stream().filter(l -> l.startsWith(prefix)).count() >= times) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the service did not log '" + prefix + "' within 30 s");
    }

    /** Runs one command and prints what it said and its exit code (LSB: 0 ok, 3 not running). */
    private static void step(String name, Command command) throws Exception {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        int code;
        try (PrintStream out = new PrintStream(said, true, StandardCharsets.UTF_8)) {
            code = command.run(out);
        }
        System.out.println(name + ": exit " + code + " — " + said.toString(StandardCharsets.UTF_8).trim());
    }

    @FunctionalInterface
    private interface Command {
        int run(PrintStream out) throws Exception;
    }
}
