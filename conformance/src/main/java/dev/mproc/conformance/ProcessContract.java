package dev.mproc.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.CodecException;
import dev.mproc.Context;
import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.ProcessFailedException;
import dev.mproc.ProcessInfo;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of {@link Process} for one spawn × IPC backend combination, with real child JVMs. A backend
 * runs it by extending this class and naming the two backends.
 */
public abstract class ProcessContract extends BackendCombination {

    /** Long enough that a child doing it is still running when the test acts on it. */
    private static final long FOREVER_MS = 120_000;

    private Context ctx;

    @BeforeEach
    void useContext() {
        ctx = context();
    }

    // ---- running a target ----------------------------------------------------------------------------------

    @Test
    @DisplayName("a target runs in another process, and its effect is visible to the parent")
    void targetRunsInAnotherProcess(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.txt");
        String file = out.toString();
        Process<Void> p = ctx.process(() -> Files.writeString(Path.of(file),
                Long.toString(ProcessHandle.current().pid()))).start();
        p.join();
        assertEquals(0, p.exitCode().getAsInt());
        long childPid = Long.parseLong(Files.readString(out));
        assertEquals(p.pid().getAsLong(), childPid);
        assertNotEquals(ProcessHandle.current().pid(), childPid);
    }

    @Test
    @DisplayName("a task's result reaches the parent after join")
    void taskResultReachesParent() throws Exception {
        int base = 20;
        Process<List<Integer>> p = ctx.task(() -> List.of(base + 1, base + 2, base * base)).start();
        p.join();
        assertEquals(List.of(21, 22, 400), p.result());
        assertEquals(0, p.exitCode().getAsInt());
        assertTrue(p.failure().isEmpty());
    }

    @Test
    @DisplayName("before start: not alive, no pid, no exit code; after join: exit code 0, not alive")
    void lifecycleStates() throws Exception {
        Process<Integer> p = ctx.task(() -> 1);
        assertFalse(p.isAlive());
        assertTrue(p.pid().isEmpty());
        assertTrue(p.exitCode().isEmpty());
        assertFalse(Mproc.activeChildren().contains(p));
        p.start();
        assertTrue(p.pid().isPresent());
        p.join();
        assertFalse(p.isAlive());
        assertEquals(0, p.exitCode().getAsInt());
        assertFalse(Mproc.activeChildren().contains(p));
        p.join(); // a second join is harmless
    }

    @Test
    @DisplayName("a running child is alive, listed in activeChildren, and has no exit code")
    void runningChildIsActive() throws Exception {
        Process<Void> p = ctx.process(() -> Thread.sleep(FOREVER_MS)).start();
        try {
            assertTrue(p.isAlive());
            assertTrue(p.exitCode().isEmpty());
            assertTrue(Mproc.activeChildren().contains(p));
        } finally {
            p.kill();
            p.join();
        }
        assertFalse(Mproc.activeChildren().contains(p));
    }

    @Test
    @DisplayName("the child knows its name, pid, daemon flag and parent")
    void childIdentity() throws Exception {
        long parentPid = ProcessHandle.current().pid();
        String parentName = Mproc.currentProcess().name();
        Process<String> p = ctx.task(() -> {
            ProcessInfo self = Mproc.currentProcess();
            ProcessInfo parent = Mproc.parentProcess().orElseThrow();
            return self.name() + "|" + self.pid() + "|" + self.daemon() + "|" + parent.pid() + "|" + parent.name();
        }).name("SomeProcess").daemon(true).start();
        p.join();
        assertEquals("SomeProcess|" + p.pid().getAsLong() + "|true|" + parentPid + "|" + parentName, p.result());
    }

    @Test
    @DisplayName("the main process is MainProcess, not a daemon, without parent")
    void mainProcessIdentity() {
        assertEquals("MainProcess", Mproc.currentProcess().name());
        assertEquals(ProcessHandle.current().pid(), Mproc.currentProcess().pid());
        assertFalse(Mproc.currentProcess().daemon());
        assertTrue(Mproc.parentProcess().isEmpty());
        assertTrue(Mproc.cpuCount() >= 1);
        assertTrue(ctx.cpuCount() >= 1);
    }

    @Test
    @DisplayName("default names are Process-N with a growing N, nested as Process-N:M in a child")
    void defaultNames() throws Exception {
        Process<Integer> a = ctx.task(() -> 1);
        Process<Integer> b = ctx.task(() -> 2);
        assertTrue(a.name().matches("Process-\\d+"), a.name());
        int na = Integer.parseInt(a.name().substring("Process-".length()));
        assertEquals("Process-" + (na + 1), b.name());
        Process<String> parent = ctx.task(() -> {
            Process<String> grandchild = Mproc.context().task(() -> Mproc.currentProcess().name()).start();
            grandchild.join();
            return Mproc.currentProcess().name() + " started " + grandchild.result();
        }).start();
        parent.join();
        String own = parent.name();
        assertEquals(own + " started " + own + ":1", parent.result());
    }

    // ---- exit codes --------------------------------------------------------------------------------------------

    @Test
    @DisplayName("an exception in the target gives exit code 1 and reaches the parent with type, message and stack")
    void exceptionGivesExitCodeOne() throws Exception {
        Process<Void> p = ctx.process(() -> {
            throw new IllegalArgumentException("bad value 42");
        }).start();
        p.join();
        assertEquals(1, p.exitCode().getAsInt());
        ProcessFailedException failure = p.failure().orElseThrow();
        IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, failure.getCause());
        assertEquals("bad value 42", cause.getMessage());
        assertTrue(Arrays.stream(cause.getStackTrace()).anyMatch(e -> e.getClassName().startsWith(
                ProcessContract.class.getName())), "the child's stack trace names the target's class");
        ProcessFailedException thrown = assertThrows(ProcessFailedException.class, p::result);
        assertEquals(1, thrown.exitCode());
        assertEquals(p.pid().getAsLong(), thrown.pid());
    }

    @Test
    @DisplayName("System.exit(n) in the target gives exit code n")
    void systemExitGivesItsCode() throws Exception {
        for (int code : new int[] {0, 3, 8}) {
            Process<Void> p = ctx.process(() -> System.exit(code)).start();
            p.join();
            assertEquals(code, p.exitCode().getAsInt(), "System.exit(" + code + ")");
        }
    }

    @Test
    @DisplayName("Runtime.halt(n) in the target gives exit code n")
    void haltGivesItsCode() throws Exception {
        Process<Void> p = ctx.process(() -> Runtime.getRuntime().halt(7)).start();
        p.join();
        assertEquals(7, p.exitCode().getAsInt());
        assertTrue(p.failure().isPresent(), "a child that ended without an outcome has a failure");
    }

    @Test
    @DisplayName("terminate() ends a busy child with exit code -15")
    void terminateGivesMinus15() throws Exception {
        Process<Void> p = ctx.process(() -> Thread.sleep(FOREVER_MS)).start();
        p.terminate();
        p.join();
        assertEquals(-15, p.exitCode().getAsInt());
        assertFalse(p.isAlive());
        ProcessFailedException failure = p.failure().orElseThrow();
        assertEquals(-15, failure.exitCode());
    }

    @Test
    @DisplayName("kill() ends a busy child with exit code -9")
    void killGivesMinus9() throws Exception {
        Process<Void> p = ctx.process(() -> {
            while (true) {
                Thread.onSpinWait();
            }
        }).start();
        p.kill();
        p.join();
        assertEquals(-9, p.exitCode().getAsInt());
    }

    @Test
    @DisplayName("join with a timeout returns while the child still runs; the child goes on")
    void joinWithTimeout() throws Exception {
        Process<Void> p = ctx.process(() -> Thread.sleep(FOREVER_MS)).start();
        try {
            long t0 = System.nanoTime();
            assertFalse(p.join(Duration.ofMillis(200)));
            assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(200));
            assertFalse(p.join(Duration.ZERO));
            assertFalse(p.join(Duration.ofMillis(-1)));
            assertTrue(p.isAlive());
            assertTrue(p.exitCode().isEmpty());
        } finally {
            p.kill();
        }
        assertTrue(p.join(Duration.ofSeconds(30)));
    }

    @Test
    @DisplayName("a child waits for its non-daemon threads before it exits")
    void childWaitsForNonDaemonThreads(@TempDir Path dir) throws Exception {
        String marker = dir.resolve("thread-done").toString();
        Process<Void> p = ctx.process(() -> {
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    Files.writeString(Path.of(marker), "done");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
        }).start();
        p.join();
        assertEquals(0, p.exitCode().getAsInt());
        assertEquals("done", Files.readString(Path.of(marker)));
    }

    // ---- misuse ----------------------------------------------------------------------------------------------

    @Test
    @DisplayName("start() twice is an error")
    void startTwice() throws Exception {
        Process<Integer> p = ctx.task(() -> 1).start();
        IllegalStateException e = assertThrows(IllegalStateException.class, p::start);
        assertEquals("cannot start a process twice", e.getMessage());
        p.join();
        assertThrows(IllegalStateException.class, p::start);
    }

    @Test
    @DisplayName("daemon and name cannot change after start")
    void daemonAfterStart() throws Exception {
        Process<Integer> p = ctx.task(() -> 1).start();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.daemon(true));
        assertEquals("process has already started", e.getMessage());
        assertThrows(IllegalStateException.class, () -> p.name("other"));
        p.join();
    }

    @Test
    @DisplayName("join, terminate and onExit before start are errors")
    void joinBeforeStart() {
        Process<Integer> p = ctx.task(() -> 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, p::join);
        assertEquals("can only join a started process", e.getMessage());
        assertThrows(IllegalStateException.class, p::terminate);
        assertThrows(IllegalStateException.class, p::onExit);
        assertThrows(IllegalStateException.class, p::result);
    }

    @Test
    @DisplayName("close() refuses a running child; after close every query fails; a second close is harmless")
    void closeRules() throws Exception {
        Process<Void> p = ctx.process(() -> Thread.sleep(FOREVER_MS)).start();
        assertThrows(IllegalStateException.class, p::close);
        p.kill();
        p.join();
        p.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, p::isAlive);
        assertEquals("process object is closed", e.getMessage());
        assertThrows(IllegalStateException.class, p::join);
        assertThrows(IllegalStateException.class, p::pid);
        assertThrows(IllegalStateException.class, p::exitCode);
        assertThrows(IllegalStateException.class, p::terminate);
        p.close();
    }

    @Test
    @DisplayName("a daemon child may not start children")
    void daemonMayNotHaveChildren() throws Exception {
        Process<String> p = ctx.task(() -> {
            try {
                Mproc.context().task(() -> 1).start();
                return "started";
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        }).daemon(true).start();
        p.join();
        assertTrue(p.result().startsWith("daemonic processes are not allowed to have children"), p.result());
    }

    @Test
    @DisplayName("a child's daemon flag defaults to its parent's")
    void daemonDefaultsToParents() throws Exception {
        assertFalse(ctx.task(() -> 1).isDaemon());
        Process<Boolean> p = ctx.task(() -> Mproc.context().task(() -> 1).isDaemon()).daemon(true).start();
        p.join();
        assertTrue(p.result());
    }

    // ---- bad input ---------------------------------------------------------------------------------------------

    /** Deliberately not serializable. */
    static final class Unshippable {
        final int value = 3;
    }

    @Test
    @DisplayName("a target that captures a non-serializable object fails at start(), naming the class")
    void nonSerializableTarget() {
        Unshippable u = new Unshippable();
        Process<Integer> p = ctx.task(() -> u.value);
        CodecException e = assertThrows(CodecException.class, p::start);
        assertTrue(e.getMessage().contains(Unshippable.class.getName()), e.getMessage());
        assertFalse(p.isAlive());
        assertTrue(p.pid().isEmpty());
    }

    @Test
    @DisplayName("a class missing from the child's class path is reported as the child's failure")
    void classMissingInChild() throws Exception {
        String kit = new File(ProcessContract.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getPath();
        String reduced = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !new File(entry).getAbsolutePath().equals(new File(kit).getAbsolutePath()))
                .collect(Collectors.joining(File.pathSeparator));
        try (Context narrow = Mproc.context(options().classPath(reduced)
                .stderr(dev.mproc.StreamTarget.discard()).build())) {
            Process<Integer> p = narrow.task(() -> 5).start();
            p.join();
            assertEquals(1, p.exitCode().getAsInt());
            ProcessFailedException failure = p.failure().orElseThrow();
            assertTrue(String.valueOf(failure.getCause()).contains(ProcessContract.class.getName()),
                    "names the missing class: " + failure.getCause());
        }
    }

    // ---- Python's exit rules, observed from outside a separate parent JVM ----------------------------------------

    @Test
    @DisplayName("a daemon child is terminated when its parent's main code ends")
    void daemonEndsWithMain() throws Exception {
        java.lang.Process parent = new ProcessBuilder(ParentProgram.command(spawnBackend(), ipcBackend(),
                "daemon-ends-with-main")).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = reader(parent)) {
            long daemon = pidFrom(out.readLine(), "daemon");
            assertEquals("main-------", out.readLine());
            assertTrue(parent.waitFor(30, TimeUnit.SECONDS), "the parent exits");
            assertEquals(0, parent.exitValue());
            assertGone(daemon, Duration.ofSeconds(5));
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    @DisplayName("a non-daemon child keeps its parent alive until it ends, while the daemon is cut off at once")
    void nonDaemonKeepsParentAlive(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("release");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        java.lang.Process parent = new ProcessBuilder(ParentProgram.command(spawnBackend(), ipcBackend(),
                "non-daemon-keeps-parent", fifo.toString())).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = reader(parent)) {
            long daemon = pidFrom(out.readLine(), "daemon");
            long child = pidFrom(out.readLine(), "child");
            assertEquals("main-------", out.readLine());
            // The daemon's end proves the parent's main code has finished ...
            assertGone(daemon, Duration.ofSeconds(10));
            // ... and yet the parent stays, held by its non-daemon child, which blocks on the FIFO.
            assertTrue(parent.isAlive(), "the parent waits for its non-daemon child");
            assertTrue(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false));
            try (OutputStream release = Files.newOutputStream(fifo)) {
                release.write('x');
            }
            assertTrue(parent.waitFor(30, TimeUnit.SECONDS), "the parent exits once its child has");
            assertEquals(0, parent.exitValue());
            assertGone(child, Duration.ofSeconds(1));
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    @DisplayName("a parent killed with SIGKILL leaves no daemon child running: it exits within a second")
    void daemonDiesWithKilledParent() throws Exception {
        java.lang.Process parent = new ProcessBuilder(ParentProgram.command(spawnBackend(), ipcBackend(), "block"))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = reader(parent)) {
            long daemon = pidFrom(out.readLine(), "daemon");
            assertEquals("main-------", out.readLine());
            assertTrue(ProcessHandle.of(daemon).map(ProcessHandle::isAlive).orElse(false));
            parent.destroyForcibly(); // SIGKILL: no shutdown hook, no exit rules run in the parent
            assertTrue(parent.waitFor(30, TimeUnit.SECONDS));
            assertGone(daemon, Duration.ofSeconds(1));
        } finally {
            parent.destroyForcibly();
        }
    }

    private static BufferedReader reader(java.lang.Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    private static long pidFrom(String line, String label) {
        assertTrue(line != null && line.startsWith(label + " "), "expected '" + label + " <pid>', got " + line);
        return Long.parseLong(line.substring(label.length() + 1).trim());
    }

    /** Waits for a process that is not our child to be gone (ended and reaped, or a zombie awaiting its reaper). */
    private static void assertGone(long pid, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String state = ProcStat.state(pid);
            if (state == null || state.equals("Z") || state.equals("X")) {
                return;
            }
            seen.add(state);
            // Not our child, so the JDK offers nothing to wait on: poll /proc at a fine grain.
            TimeUnit.MILLISECONDS.sleep(5);
        }
        throw new AssertionError("process " + pid + " still runs after " + within + " (states seen: "
                + seen.stream().distinct().collect(Collectors.toList()) + ")");
    }

    @Test
    @DisplayName("a Process can be joined from several threads and onExit completes once it ended")
    void onExitCompletes() throws Exception {
        Process<Integer> p = ctx.task(() -> 9).start();
        assertEquals(9, p.onExit().get(30, TimeUnit.SECONDS).result());
        assertNull(ctx.process(() -> {
        }).start().onExit().get(30, TimeUnit.SECONDS).result());
    }
}
