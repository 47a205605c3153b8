package dev.mproc.spawn.posix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.StreamTarget;
import dev.mproc.spi.ExitStatus;
import dev.mproc.spi.LaunchSpec;
import dev.mproc.spi.SpawnBackend;
import dev.mproc.spi.SpawnedProcess;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The posix-fork backend at the SPI, with real processes: what the child gets, how it ends, how it is signalled. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PosixSpawnBackendTest {

    private static SpawnBackend backend;

    @BeforeAll
    static void open() {
        backend = new PosixSpawnProvider().create();
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    private static LaunchSpec.Builder cmd(String... command) {
        return LaunchSpec.builder(List.of(command));
    }

    private static ExitStatus run(LaunchSpec spec) throws Exception {
        return backend.spawn(spec).onExit().get(30, TimeUnit.SECONDS);
    }

    // ---- exit statuses ---------------------------------------------------------------------------------------

    @Test
    @DisplayName("an exit code is reported exactly")
    void exitCodeIsExact() throws Exception {
        assertEquals(ExitStatus.exited(7), run(cmd("/bin/sh", "-c", "exit 7").build()));
        assertEquals(ExitStatus.exited(0), run(cmd("true").build()));
    }

    @ParameterizedTest(name = "signal {0} ends a program with exit code -{0}")
    @ValueSource(ints = {15, 9, 2, 6})
    void signalEndsProgram(int signal) throws Exception {
        SpawnedProcess p = backend.spawn(cmd("/bin/sleep", "60").build());
        p.signal(signal, false);
        ExitStatus status = p.onExit().get(30, TimeUnit.SECONDS);
        assertEquals(ExitStatus.signaled(signal), status);
        assertEquals(-signal, status.pythonExitCode());
    }

    @ParameterizedTest(name = "signal {0} ends a running JVM started with -Xrs with exit code -{0}")
    @ValueSource(ints = {15, 2, 6})
    void signalEndsJvm(int signal, @TempDir Path dir) throws Exception {
        Path ready = Programs.fifo(dir, "ready");
        SpawnedProcess p = backend.spawn(LaunchSpec.builder(Programs.java(SignalTarget.class,
                List.of("-Xrs", "-XX:-CreateCoredumpOnCrash"), ready.toString())).build());
        assertEquals(List.of("ready"), Programs.readAll(ready));
        p.signal(signal, false);
        assertEquals(-signal, p.onExit().get(30, TimeUnit.SECONDS).pythonExitCode());
    }

    @Test
    @DisplayName("a JVM without -Xrs turns SIGTERM into exit code 143 after its shutdown hooks, and that is what is reported")
    void jvmWithoutXrsExits143(@TempDir Path dir) throws Exception {
        Path ready = Programs.fifo(dir, "ready");
        SpawnedProcess p = backend.spawn(LaunchSpec.builder(Programs.java(SignalTarget.class, List.of(),
                ready.toString())).build());
        assertEquals(List.of("ready"), Programs.readAll(ready));
        p.signal(15, false);
        assertEquals(ExitStatus.exited(143), p.onExit().get(30, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("there is no signal 99")
    void unknownSignal() throws Exception {
        SpawnedProcess p = backend.spawn(cmd("/bin/sleep", "60").build());
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.signal(99, false));
            assertEquals("there is no signal 99", e.getMessage());
        } finally {
            p.signal(9, false);
        }
        assertEquals(ExitStatus.signaled(9), p.onExit().get(30, TimeUnit.SECONDS));
    }

    // ---- process groups and sessions -----------------------------------------------------------------------

    /** A shell that starts two sleeping children, reports their pids on the FIFO and waits for them. */
    private static SpawnedProcess shellWithTwoChildren(Path fifo, boolean newGroup) throws IOException {
        return backend.spawn(cmd("/bin/sh", "-c", "sleep 60 & a=$!; sleep 60 & b=$!; echo \"$a $b\" > " + fifo
                + "; wait").newProcessGroup(newGroup).build());
    }

    private static long[] pids(Path fifo) throws IOException {
        List<String> lines = Programs.readAll(fifo);
        assertEquals(1, lines.size(), lines.toString());
        return Arrays.stream(lines.get(0).trim().split(" ")).mapToLong(Long::parseLong).toArray();
    }

    @Test
    @DisplayName("signalling the group of a child that started children of its own ends them all")
    void groupSignalReachesGrandchildren(@TempDir Path dir) throws Exception {
        Path fifo = Programs.fifo(dir, "pids");
        SpawnedProcess shell = shellWithTwoChildren(fifo, true);
        long[] grandchildren = pids(fifo);
        for (long g : grandchildren) {
            assertEquals(Long.toString(shell.pid()), Programs.stat(g, 5), "grandchild in the child's group");
        }
        shell.signal(15, true);
        assertEquals(ExitStatus.signaled(15), shell.onExit().get(30, TimeUnit.SECONDS));
        for (long g : grandchildren) {
            awaitGone(g, Duration.ofSeconds(5));
        }
    }

    @Test
    @DisplayName("signalling only the child leaves its children running")
    void childSignalSparesGrandchildren(@TempDir Path dir) throws Exception {
        Path fifo = Programs.fifo(dir, "pids");
        SpawnedProcess shell = shellWithTwoChildren(fifo, true);
        long[] grandchildren = pids(fifo);
        try {
            shell.signal(15, false);
            assertEquals(ExitStatus.signaled(15), shell.onExit().get(30, TimeUnit.SECONDS));
            for (long g : grandchildren) {
                // Alive: sleeping, or running for a moment (it was just re-parented); not a zombie, not gone.
                String state = Programs.stat(g, 3);
                assertTrue(state != null && !state.equals("Z") && !state.equals("X"),
                        "grandchild " + g + " was spared, but its state is " + state);
            }
        } finally {
            for (long g : grandchildren) {
                ProcessHandle.of(g).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    @DisplayName("a child in its parent's process group is signalled alone, even when the group is asked for")
    void groupSignalWithoutOwnGroup() throws Exception {
        SpawnedProcess p = backend.spawn(cmd("/bin/sleep", "60").build());
        assertEquals(Programs.stat(ProcessHandle.current().pid(), 5), Programs.stat(p.pid(), 5));
        p.signal(15, true); // must not reach this JVM's own group
        assertEquals(ExitStatus.signaled(15), p.onExit().get(30, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("a new process group is led by the child; a new session too, detached from ours")
    void groupAndSession() throws Exception {
        String ourSession = Programs.stat(ProcessHandle.current().pid(), 6);
        SpawnedProcess grouped = backend.spawn(cmd("/bin/sleep", "60").newProcessGroup(true).build());
        SpawnedProcess session = backend.spawn(cmd("/bin/sleep", "60").newSession(true).build());
        try {
            assertEquals(Long.toString(grouped.pid()), Programs.stat(grouped.pid(), 5));
            assertEquals(ourSession, Programs.stat(grouped.pid(), 6));
            assertEquals(Long.toString(session.pid()), Programs.stat(session.pid(), 5));
            assertEquals(Long.toString(session.pid()), Programs.stat(session.pid(), 6));
            assertEquals("0", Programs.stat(session.pid(), 7), "no controlling terminal");
        } finally {
            grouped.signal(9, true);
            session.signal(9, true);
        }
        assertEquals(ExitStatus.signaled(9), grouped.onExit().get(30, TimeUnit.SECONDS));
        assertEquals(ExitStatus.signaled(9), session.onExit().get(30, TimeUnit.SECONDS));
    }

    // ---- what the child gets -----------------------------------------------------------------------------------

    @Test
    @DisplayName("the child reads the stdin bytes, then end-of-file")
    void stdinBytes(@TempDir Path dir) throws Exception {
        byte[] bytes = new byte[200_000]; // more than a pipe holds: the parent writes while the child reads
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Path out = dir.resolve("out");
        assertEquals(ExitStatus.exited(0), run(cmd("/bin/cat").stdinBytes(bytes).stdout(StreamTarget.file(out))
                .build()));
        assertArrayEquals(bytes, Files.readAllBytes(out));
    }

    @Test
    @DisplayName("stdout and stderr to one file share it; append keeps what was there, file() truncates")
    void sameFileForBoth(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("log");
        Files.writeString(log, "old line that is longer than the rest\n");
        LaunchSpec.Builder echo = cmd("/bin/sh", "-c", "echo out; echo err >&2");
        run(echo.stdout(StreamTarget.appendTo(log)).stderr(StreamTarget.appendTo(log)).build());
        assertEquals("old line that is longer than the rest\nout\nerr\n", Files.readString(log));
        run(echo.stdout(StreamTarget.file(log)).stderr(StreamTarget.file(log)).build());
        assertEquals("out\nerr\n", Files.readString(log));
    }

    @Test
    @DisplayName("discarded output goes to /dev/null")
    void discard() throws Exception {
        SpawnedProcess p = backend.spawn(cmd("/bin/sleep", "60").stdout(StreamTarget.discard())
                .stderr(StreamTarget.discard()).build());
        try {
            assertEquals(Path.of("/dev/null"), Files.readSymbolicLink(Path.of("/proc/" + p.pid() + "/fd/1")));
            assertEquals(Path.of("/dev/null"), Files.readSymbolicLink(Path.of("/proc/" + p.pid() + "/fd/2")));
        } finally {
            p.signal(9, false);
        }
        p.onExit().get(30, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("the working directory and the environment changes apply")
    void workingDirectoryAndEnvironment(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Path work = Files.createDirectory(dir.resolve("work dir"));
        run(cmd("/bin/pwd").workingDirectory(work).stdout(StreamTarget.file(out)).build());
        assertEquals(work.toRealPath().toString(), Files.readString(out).trim());
        run(cmd("/usr/bin/env").environment("MPROC_TEST", "a b=c").environment("HOME", null)
                .stdout(StreamTarget.file(out)).build());
        List<String> env = Files.readAllLines(out);
        assertTrue(env.contains("MPROC_TEST=a b=c"), env.toString());
        assertTrue(env.stream().noneMatch(line -> line.startsWith("HOME=")), env.toString());
        assertTrue(env.stream().anyMatch(line -> line.startsWith("PATH=")), "the rest is inherited");
    }

    @Test
    @DisplayName("the child inherits descriptors 0 to 2 and nothing else")
    void onlyStandardDescriptors(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("fds");
        Path some = Files.writeString(dir.resolve("some"), "x");
        try (FileInputStream open = new FileInputStream(some.toFile())) {
            assertEquals('x', open.read());
            run(cmd("/bin/ls", "/proc/self/fd").stdinBytes(new byte[0]).stdout(StreamTarget.file(out)).build());
        }
        // ls itself holds one more: the directory it lists.
        assertEquals(List.of("0", "1", "2", "3"), Files.readAllLines(out));
    }

    @Test
    @DisplayName("the child starts with no blocked and no ignored signals")
    void signalsReset(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("status");
        run(cmd("/bin/grep", "-E", "^Sig(Blk|Ign)", "/proc/self/status").stdout(StreamTarget.file(out)).build());
        assertEquals(List.of("SigBlk:\t0000000000000000", "SigIgn:\t0000000000000000"), Files.readAllLines(out));
    }

    // ---- failures ------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("a missing program fails the spawn with the kernel's reason")
    void missingProgram() {
        IOException e = assertThrows(IOException.class, () -> backend.spawn(cmd("/no/such/program").build()));
        assertEquals("cannot start /no/such/program: No such file or directory (errno 2)", e.getMessage());
        IOException onPath = assertThrows(IOException.class, () -> backend.spawn(cmd("no-such-program-xyz").build()));
        assertEquals("cannot start no-such-program-xyz: No such file or directory (errno 2)", onPath.getMessage());
    }

    @Test
    @DisplayName("an output file that cannot be opened fails the spawn, naming it")
    void unopenableOutput() {
        IOException e = assertThrows(IOException.class, () -> backend.spawn(cmd("true")
                .stderr(StreamTarget.file(Path.of("/no/such/dir/err"))).build()));
        assertEquals("cannot open /no/such/dir/err for the child's stderr: No such file or directory (errno 2)",
                e.getMessage());
    }

    // ---- reaping -------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("a child is reaped once: no zombie remains, and a signal after that does nothing")
    void reapedOnce() throws Exception {
        SpawnedProcess p = backend.spawn(cmd("true").build());
        assertEquals(ExitStatus.exited(0), p.onExit().get(30, TimeUnit.SECONDS));
        assertFalse(p.isAlive());
        assertNull(Programs.stat(p.pid(), 3), "no zombie left");
        p.signal(9, false);
        p.signal(9, true);
    }

    @Test
    @DisplayName("children that ProcessBuilder starts in the same JVM keep their exit statuses")
    void otherChildrenKeepTheirStatuses() throws Exception {
        List<java.lang.Process> jdk = new ArrayList<>();
        List<SpawnedProcess> ours = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            jdk.add(new ProcessBuilder("/bin/sh", "-c", "exit 3").start());
            ours.add(backend.spawn(cmd("/bin/sh", "-c", "exit 4").build()));
        }
        for (java.lang.Process p : jdk) {
            assertEquals(3, p.waitFor());
        }
        for (SpawnedProcess p : ours) {
            assertEquals(ExitStatus.exited(4), p.onExit().get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    @DisplayName("cpuCount is the CPUs of the affinity mask, at most, and at least 1")
    void cpuCount() throws Exception {
        Set<Integer> allowed = new TreeSet<>();
        String list = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst().orElseThrow().split(":")[1].trim();
        for (String range : list.split(",")) {
            String[] ends = range.split("-");
            int from = Integer.parseInt(ends[0]);
            int to = Integer.parseInt(ends[ends.length - 1]);
            for (int c = from; c <= to; c++) {
                allowed.add(c);
            }
        }
        assertEquals(allowed.size(), CpuBudget.affinityCount());
        assertTrue(backend.cpuCount() >= 1 && backend.cpuCount() <= allowed.size());
    }

    /** Waits for a process that is not our child to be gone: not our child, so there is nothing to wait on. */
    static void awaitGone(long pid, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            String state = Programs.stat(pid, 3);
            if (state == null || state.equals("Z") || state.equals("X")) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        throw new AssertionError("process " + pid + " still runs after " + within + ": state " + Programs.stat(pid, 3)
                + " " + new String(readQuietly(pid), StandardCharsets.UTF_8));
    }

    private static byte[] readQuietly(long pid) {
        try {
            return Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
