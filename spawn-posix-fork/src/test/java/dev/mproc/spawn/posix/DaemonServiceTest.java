package dev.mproc.spawn.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.spi.LaunchSpec;
import dev.mproc.spi.SpawnBackend;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Daemon services with real detached JVMs: start, status, stop, restart, and the pid-file rules. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DaemonServiceTest {

    @TempDir
    Path dir;
    private Path pidFile;
    private Path log;
    private Path facts;
    private DaemonService service;

    /** The answer of one command: its exit code and the lines it printed. */
    record Answer(int code, List<String> lines) {
        String line() {
            assertEquals(1, lines.size(), lines.toString());
            return lines.get(0);
        }

        long pid() {
            String l = line();
            return Long.parseLong(l.substring(l.indexOf("(pid ") + 5, l.indexOf(')')));
        }
    }

    @BeforeEach
    void describe() throws Exception {
        pidFile = dir.resolve("svc.pid");
        log = dir.resolve("svc.log");
        facts = Programs.fifo(dir, "facts");
        service = DaemonService.builder(FactsService.class, pidFile).stdout(log).stderr(log)
                .args(List.of(facts.toString(), "b")).stopTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stopLeftovers() {
        service.stop(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private Answer run(String command) {
        return run(service, command);
    }

    private static Answer run(DaemonService s, String command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = s.run(command, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Answer(code, bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    /** Starts the service and reads what it reports about itself. */
    private Map<String, String> startAndReadFacts() throws Exception {
        Answer started = run("start");
        assertEquals(0, started.code(), started.lines().toString());
        assertTrue(started.line().startsWith("started (pid "), started.line());
        Map<String, String> f = new HashMap<>();
        for (String pair : Programs.readAll(facts).get(0).split(" (?=\\w+=)")) {
            f.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        assertEquals(Long.toString(started.pid()), f.get("pid"));
        return f;
    }

    @Test
    @DisplayName("start detaches the service: own session it does not lead, no terminal, reparented away, cwd /, "
            + "umask 022, stdin /dev/null")
    void detached() throws Exception {
        Map<String, String> f = startAndReadFacts();
        String pid = f.get("pid");
        assertEquals(pid + "\n", Files.readString(pidFile));
        assertNotEquals(pid, f.get("session"), "not a session leader");
        assertNotEquals(pid, f.get("pgrp"), "not a process group leader");
        assertNotEquals(Programs.stat(ProcessHandle.current().pid(), 6), f.get("session"), "not in our session");
        // Once start has returned, the process that made the session has exited and the service is reparented.
        String parent = Programs.stat(Long.parseLong(pid), 4);
        assertNotEquals(Long.toString(ProcessHandle.current().pid()), parent, "not our child");
        assertNull(Programs.stat(Long.parseLong(f.get("session")), 3), "the session's leader has exited");
        assertEquals("0", f.get("tty"), "no controlling terminal");
        assertEquals("/", f.get("cwd"));
        assertEquals("0022", f.get("umask"));
        assertEquals("/dev/null", f.get("stdin"));
        assertEquals("[" + facts + ", b]", f.get("args"));
    }

    @Test
    @DisplayName("a second start says already running with the pid; status says running; stop is orderly")
    void startStatusStop() throws Exception {
        long pid = Long.parseLong(startAndReadFacts().get("pid"));
        assertEquals(new Answer(1, List.of("already running (pid " + pid + ")")), run("start"));
        assertEquals(new Answer(0, List.of("running (pid " + pid + ")")), run("status"));
        assertEquals(new Answer(0, List.of("stopped (pid " + pid + ")")), run("stop"));
        List<String> logged = Files.readAllLines(log);
        assertTrue(logged.contains("serving") && logged.contains("stopping orderly"), logged.toString());
        assertTrue(logged.contains("mproc service " + FactsService.class.getName() + " stopped"), logged.toString());
        assertFalse(Files.exists(pidFile), "the pid file is removed");
        assertEquals(new Answer(3, List.of("not running")), run("status"));
        assertEquals(new Answer(0, List.of("not running")), run("stop"));
    }

    @Test
    @DisplayName("a service killed with SIGKILL leaves a stale pid file, which status reports and start takes over")
    void stalePidFile() throws Exception {
        long pid = Long.parseLong(startAndReadFacts().get("pid"));
        ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL: no hook, the pid file stays
        PidFile.awaitReleased(pidFile); // the kernel lets go of the lock once the last thread has exited
        assertEquals(new Answer(3, List.of("not running (stale pid file of pid " + pid + ")")), run("status"));
        long next = Long.parseLong(startAndReadFacts().get("pid"));
        assertNotEquals(pid, next);
        assertEquals(next + "\n", Files.readString(pidFile));
        assertEquals(new Answer(0, List.of("stopped (pid " + next + ")")), run("stop"));
    }

    @Test
    @DisplayName("stop removes a stale pid file that names a dead process")
    void stopRemovesStaleFile() throws Exception {
        long dead;
        try (SpawnBackend backend = new PosixSpawnProvider().create()) {
            var p = backend.spawn(LaunchSpec.builder(List.of("true")).build());
            p.onExit().get(30, TimeUnit.SECONDS);
            dead = p.pid();
        }
        Files.writeString(pidFile, dead + "\n");
        assertEquals(new Answer(0, List.of("not running (removed the stale pid file of pid " + dead + ")")),
                run("stop"));
        assertFalse(Files.exists(pidFile));
    }

    @Test
    @DisplayName("restart stops the running service and starts a new one")
    void restart() throws Exception {
        long first = Long.parseLong(startAndReadFacts().get("pid"));
        CompletableFuture<List<String>> factsAgain = CompletableFuture.supplyAsync(() -> {
            try {
                return Programs.readAll(facts);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Answer restarted = run("restart");
        assertEquals(0, restarted.code());
        assertEquals("stopped (pid " + first + ")", restarted.lines().get(0));
        assertTrue(restarted.lines().get(1).startsWith("started (pid "), restarted.lines().toString());
        assertTrue(factsAgain.get(30, TimeUnit.SECONDS).get(0).startsWith("pid="));
        assertEquals(2, restarted.lines().size());
    }

    @Test
    @DisplayName("two starts at once: one service runs, the other start names it")
    void concurrentStarts() throws Exception {
        CompletableFuture<Answer> a = CompletableFuture.supplyAsync(() -> run("start"));
        CompletableFuture<Answer> b = CompletableFuture.supplyAsync(() -> run("start"));
        Programs.readAll(facts); // the winner runs
        List<Answer> answers = new ArrayList<>(List.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS)));
        answers.sort((x, y) -> Integer.compare(x.code(), y.code()));
        long pid = answers.get(0).pid();
        assertEquals(new Answer(0, List.of("started (pid " + pid + ")")), answers.get(0));
        assertEquals(new Answer(1, List.of("already running (pid " + pid + ")")), answers.get(1));
        assertEquals(new Answer(0, List.of("running (pid " + pid + ")")), run("status"));
    }

    @Test
    @DisplayName("a service that ignores the stop request is stopped when the stop timeout has passed")
    void deafService() throws Exception {
        DaemonService deaf = DaemonService.builder(DeafService.class, pidFile).stdout(log).stderr(log)
                .args(List.of(facts.toString())).stopTimeout(Duration.ofSeconds(1)).build();
        long pid = run(deaf, "start").pid();
        assertEquals(List.of("ready"), Programs.readAll(facts));
        assertEquals(new Answer(0, List.of("stopped (pid " + pid + ")")), run(deaf, "stop"));
        assertTrue(Files.readAllLines(log).contains("mproc service " + DeafService.class.getName()
                + ": did not stop within 1 s"), Files.readAllLines(log).toString());
    }

    @Test
    @DisplayName("a service whose JVM hangs while shutting down is killed with SIGKILL")
    void hangingService() throws Exception {
        DaemonService hanging = DaemonService.builder(DeafService.class, pidFile).stdout(log).stderr(log)
                .args(List.of(facts.toString(), "hang")).stopTimeout(Duration.ofSeconds(1)).build();
        long pid = run(hanging, "start").pid();
        assertEquals(List.of("ready"), Programs.readAll(facts));
        assertEquals(new Answer(0, List.of("stopped (pid " + pid + "): killed with SIGKILL, it had not stopped 6 s "
                + "after SIGTERM")), run(hanging, "stop"));
        assertEquals(new Answer(3, List.of("not running")), run(hanging, "status"));
    }

    @Test
    @DisplayName("a service that cannot be created is reported by start, and leaves no pid file")
    void brokenService() {
        DaemonService broken = DaemonService.builder(BrokenService.class, pidFile).stdout(log).stderr(log).build();
        Answer answer = run(broken, "start");
        assertEquals(1, answer.code());
        assertEquals("not started: cannot create " + BrokenService.class.getName() + ": "
                + "java.lang.reflect.InvocationTargetException", answer.line());
        assertFalse(Files.exists(pidFile));
    }

    @Test
    @DisplayName("the command line: status, start, stop, and a usage error, with LSB exit codes")
    void commandLine() throws Exception {
        assertEquals(new Answer(3, List.of("not running")), cli("status"));
        Answer started = cli("start");
        assertEquals(0, started.code(), started.lines().toString());
        Programs.readAll(facts);
        assertEquals(new Answer(0, List.of("running (pid " + started.pid() + ")")), cli("status"));
        assertEquals(new Answer(0, List.of("stopped (pid " + started.pid() + ")")), cli("stop"));
        Answer usage = cli("launch");
        assertEquals(2, usage.code());
        assertEquals("unknown command 'launch' (expected start, stop, restart or status)", usage.lines().get(0));
    }

    private Answer cli(String command) throws Exception {
        java.lang.Process p = new ProcessBuilder(Programs.java(ServiceCommand.class, List.of(), command,
                "--service", FactsService.class.getName(), "--pid-file", pidFile.toString(), "--stdout", log.toString(),
                "--stderr", log.toString(), "--stop-timeout", "5", "--", facts.toString(), "b"))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Answer(p.waitFor(), out.lines().toList());
    }
}
