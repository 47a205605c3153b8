package dev.mproc.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.StreamTarget;
import dev.mproc.subprocess.CompletedProcess;
import dev.mproc.subprocess.Subprocess;
import dev.mproc.subprocess.SubprocessFailedException;
import dev.mproc.subprocess.SubprocessTimeoutException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract of {@link Subprocess}: external programs (coreutils and {@code /bin/sh}) started through the
 * spawn backend under test, talked to through pipes. Seed 002's warning is the first case: a child that writes
 * more than a pipe holds (64 KiB on Linux) blocks until the parent reads, so a parent that waits for the exit
 * first waits for ever.
 */
public abstract class SubprocessContract extends BackendCombination {

    private static final int PIPE_BYTES = 64 * 1024;
    private static final int SIGKILL = 9;
    private static final int SIGTERM = 15;
    private static final int SIGINT = 2;

    /** Seed 002's child, without the shell: {@code size} random bytes, written one byte per {@code write}. */
    private static List<String> seedChild(int size) {
        return List.of("dd", "if=/dev/urandom", "bs=1", "count=" + size);
    }

    // ---- seed 002: the 64 KiB pipe -----------------------------------------------------------------------------

    @Test
    @DisplayName("the misuse, with the JDK's Process: waitFor before reading returns at 64 KiB, "
            + "and at 64 KiB + 1 the child stays blocked in pipe_write until someone reads")
    void rawWaitForBeforeReadingBlocksOneBytePastThePipe() throws Exception {
        java.lang.Process fits = new ProcessBuilder(seedChild(PIPE_BYTES))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertTrue(fits.waitFor(30, TimeUnit.SECONDS), "64 KiB fit in the pipe: the child ends unread");
            assertEquals(PIPE_BYTES, fits.getInputStream().readAllBytes().length);
        } finally {
            fits.destroyForcibly();
        }
        java.lang.Process stuck = new ProcessBuilder(seedChild(PIPE_BYTES + 1))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            // Where `p.wait()` hangs in the seed: the child sleeps in the kernel, writing to a full pipe.
            awaitBlockedWritingToPipe(stuck.pid());
            assertTrue(stuck.isAlive());
            assertFalse(stuck.waitFor(0, TimeUnit.SECONDS));
            // Reading is what releases it.
            assertEquals(PIPE_BYTES + 1, stuck.getInputStream().readAllBytes().length);
            assertTrue(stuck.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, stuck.exitValue());
        } finally {
            stuck.destroyForcibly();
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {PIPE_BYTES, PIPE_BYTES + 1})
    @DisplayName("the same misuse through mproc cannot deadlock: waitFor before reading returns, "
            + "and the output is all there afterwards")
    void waitForBeforeReadingReturns(int size) throws Exception {
        Subprocess p = context().subprocess(seedChild(size)).stdout(StreamTarget.pipe())
                .stderr(StreamTarget.discard()).start();
        assertEquals(0, p.waitFor());
        assertEquals(size, p.stdout().readAllBytes().length);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {PIPE_BYTES, PIPE_BYTES + 1})
    @DisplayName("communicate returns the seed child's output and exit code")
    void communicateReturnsTheSeedOutput(int size) throws Exception {
        CompletedProcess r = context().subprocess(seedChild(size)).captureOutput().start().communicate();
        assertEquals(0, r.exitCode());
        assertEquals(size, r.stdout().length);
        assertTrue(r.stderrText().contains(size + " bytes"), "dd's report arrives on stderr: " + r.stderrText());
    }

    // ---- volume --------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("communicate collects 100 MiB of output, byte for byte")
    void communicateCollectsHundredMebibytes() throws Exception {
        int size = 100 << 20;
        byte[] pattern = "0123456789abcdef\n".getBytes(StandardCharsets.US_ASCII);
        CompletedProcess r = context().shell("yes 0123456789abcdef | head -c " + size).captureOutput().start()
                .communicate();
        assertEquals(0, r.exitCode());
        byte[] out = r.stdout();
        assertEquals(size, out.length);
        for (int i = 0; i < out.length; i++) {
            if (out[i] != pattern[i % pattern.length]) {
                throw new AssertionError("byte " + i + " is " + out[i] + ", expected " + pattern[i % pattern.length]);
            }
        }
    }

    @Test
    @DisplayName("100 MiB streamed line by line arrive in order")
    void streamsHundredMebibytesOfLines() throws Exception {
        int lines = (100 << 20) / 9; // eight digits and a newline: 100 MiB
        try (Subprocess p = context().shell("seq -w 0 " + (lines - 1)).stdout(StreamTarget.pipe()).start();
                Stream<String> out = p.stdoutLines()) {
            long[] next = {0};
            out.forEach(line -> {
                if (Long.parseLong(line) != next[0]) {
                    throw new AssertionError("line " + next[0] + " is " + line);
                }
                next[0]++;
            });
            assertEquals(lines, next[0]);
            assertEquals(0, p.waitFor());
        }
    }

    @Test
    @DisplayName("stdout and stderr written alternately, each far beyond a pipe, both arrive complete and in order")
    void interleavedStdoutAndStderr() throws Exception {
        int n = 30_000;
        CompletedProcess r = context().shell("i=0; while [ $i -lt " + n + " ]; do echo \"out $i\"; "
                + "echo \"err $i\" >&2; i=$((i+1)); done").captureOutput().start().communicate();
        assertEquals(0, r.exitCode());
        assertEquals(numbered("out", n), r.stdoutText().lines().collect(Collectors.toList()));
        assertEquals(numbered("err", n), r.stderrText().lines().collect(Collectors.toList()));
        assertTrue(r.stderr().length > 4 * PIPE_BYTES);
    }

    private static List<String> numbered(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + " " + i).collect(Collectors.toList());
    }

    @Test
    @DisplayName("a child that floods stderr, which nobody reads, does not stall the stdout being streamed")
    void unreadStderrDoesNotStallStreamedStdout() throws Exception {
        try (Subprocess p = context().shell("head -c 3000000 /dev/zero >&2; echo done").captureOutput().start();
                Stream<String> out = p.stdoutLines()) {
            assertEquals(List.of("done"), out.collect(Collectors.toList()));
            assertEquals(0, p.waitFor());
            assertEquals(3_000_000, p.stderr().readAllBytes().length);
        }
    }

    @Test
    @DisplayName("stdin far larger than the pipe goes through cat and back while its output is read")
    void stdinLargerThanThePipe() throws Exception {
        byte[] input = new byte[10 << 20];
        new Random(11).nextBytes(input);
        CompletedProcess r = context().subprocess("cat").stdin(StreamTarget.pipe()).captureOutput().start()
                .communicate(input);
        assertEquals(0, r.exitCode());
        assertArrayEquals(input, r.stdout());
    }

    @Test
    @DisplayName("input a child never reads is dropped when it ends, as in Python: no error, no hang")
    void unreadInputIsDropped() throws Exception {
        CompletedProcess r = context().subprocess("true").stdin(StreamTarget.pipe()).start()
                .communicate(new byte[4 << 20], Duration.ofSeconds(30));
        assertEquals(0, r.exitCode());
    }

    // ---- streaming -----------------------------------------------------------------------------------------------

    @Test
    @DisplayName("lines arrive as the child writes them, before it ends")
    void linesArriveAsWritten() throws Exception {
        try (Subprocess p = context().shell("echo one; read x; echo \"got $x\"").stdin(StreamTarget.pipe())
                .stdout(StreamTarget.pipe()).start(); Stream<String> lines = p.stdoutLines()) {
            Iterator<String> it = lines.iterator();
            assertEquals("one", it.next());
            // The child now waits for this line: the first one was delivered while it was still running.
            assertTrue(p.isAlive());
            OutputStream in = p.stdin();
            in.write("two\n".getBytes(StandardCharsets.UTF_8));
            in.close();
            assertEquals("got two", it.next());
            assertFalse(it.hasNext());
            assertEquals(0, p.waitFor());
        }
    }

    @Test
    @DisplayName("a streamed output paces the child (it blocks once 1 MiB waits unread), and waitFor lifts that")
    void streamingPacesTheChildUntilWaitFor() throws Exception {
        int lines = 3_000_000; // about 20 MB
        // The child writes only once it is told to, after the output is being streamed.
        Subprocess p = context().shell("read go; exec seq 1 " + lines).stdin(StreamTarget.pipe())
                .stdout(StreamTarget.pipe()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.stdout(), StandardCharsets.UTF_8))) {
            p.stdin().write("go\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("1", out.readLine());
            awaitBlockedWritingToPipe(p.pid());
            assertTrue(p.isAlive(), "held back by the unread output");
            assertEquals(0, p.waitFor());
            long rest = 0;
            while (out.readLine() != null) {
                rest++;
            }
            assertEquals(lines - 1, rest);
        }
    }

    @Test
    @DisplayName("closing a subprocess closes its pipes: a child still writing ends with SIGPIPE")
    void closeEndsAWriterWithSigpipe() throws Exception {
        Subprocess p = context().subprocess("yes").stdout(StreamTarget.pipe()).start();
        try (Stream<String> lines = p.stdoutLines()) {
            assertEquals(List.of("y", "y", "y"), lines.limit(3).collect(Collectors.toList()));
        }
        p.close();
        int sigpipe = 13;
        assertEquals(spawnBackend().equals("processbuilder") ? 128 + sigpipe : -sigpipe, p.exitCode(),
                "mproc did not send SIGPIPE, so processbuilder cannot tell it from exit(141)");
    }

    // ---- exit codes and signals --------------------------------------------------------------------------------------

    @Test
    @DisplayName("poll is empty and exitCode refuses while the child runs; both give the code once it ended")
    void pollAndExitCode() throws Exception {
        Subprocess p = context().shell("read x; exit 7").stdin(StreamTarget.pipe()).start();
        assertTrue(p.poll().isEmpty());
        assertFalse(p.waitFor(Duration.ZERO));
        assertThrows(IllegalStateException.class, p::exitCode);
        assertTrue(p.isAlive());
        p.stdin().close();
        assertTrue(p.waitFor(Duration.ofSeconds(30)));
        assertEquals(7, p.poll().getAsInt());
        assertEquals(7, p.exitCode());
        assertEquals(7, p.onExit().get(30, TimeUnit.SECONDS).exitCode());
        assertFalse(p.isAlive());
    }

    @Test
    @DisplayName("kill gives -9 and terminate gives -15: mproc sent the signal, so even processbuilder knows")
    void killAndTerminate() throws Exception {
        Subprocess killed = context().subprocess("sleep", "300").start();
        killed.kill();
        assertEquals(-SIGKILL, killed.waitFor());
        Subprocess terminated = context().subprocess("sleep", "300").start();
        terminated.terminate();
        assertEquals(-SIGTERM, terminated.waitFor());
        killed.kill(); // after the end: nothing happens
        assertEquals(-SIGKILL, killed.exitCode());
    }

    @Test
    @DisplayName("a signal mproc did not send: -15 where the backend sees wait statuses, 128 + 15 on processbuilder")
    void signalFromElsewhere() throws Exception {
        int code = context().shell("kill -TERM $$; sleep 300").start().waitFor();
        assertEquals(spawnBackend().equals("processbuilder") ? 128 + SIGTERM : -SIGTERM, code);
    }

    @Test
    @DisplayName("sendSignal delivers any signal, or is refused naming the backend")
    void sendSignal() throws Exception {
        Subprocess p = context().subprocess("sleep", "300").start();
        try {
            p.sendSignal(SIGINT);
        } catch (UnsupportedOperationException e) {
            assertTrue(e.getMessage().contains(spawnBackend()), e.getMessage());
            p.kill();
            assertEquals(-SIGKILL, p.waitFor());
            return;
        }
        assertEquals(-SIGINT, p.waitFor());
    }

    @Test
    @DisplayName("sendSignalToGroup needs a process group of its own")
    void groupSignalNeedsAGroup() throws Exception {
        Subprocess p = context().subprocess("sleep", "300").start();
        try {
            assertThrows(IllegalStateException.class, () -> p.sendSignalToGroup(SIGTERM));
        } finally {
            p.kill();
            p.waitFor();
        }
    }

    @Test
    @DisplayName("newProcessGroup makes the child a group leader whose group a signal reaches, "
            + "or is refused naming the backend")
    void newProcessGroup() throws Exception {
        Subprocess p;
        try {
            p = context().shell("sleep 300 & echo $!; wait").stdout(StreamTarget.pipe()).newProcessGroup(true)
                    .start();
        } catch (UnsupportedOperationException e) {
            assertTrue(e.getMessage().contains(spawnBackend()), e.getMessage());
            return;
        }
        long grandchild = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.stdout(), StandardCharsets.UTF_8))) {
            grandchild = Long.parseLong(out.readLine().trim());
            assertEquals(p.pid(), processGroup(p.pid()));
            assertEquals(p.pid(), processGroup(grandchild));
            p.sendSignalToGroup(SIGTERM);
            assertEquals(-SIGTERM, p.waitFor());
            assertGone(grandchild, Duration.ofSeconds(10));
        } finally {
            p.kill();
            killQuietly(grandchild);
        }
    }

    @Test
    @DisplayName("dieWithParent: the program is killed when its parent JVM is killed, or it is refused naming the "
            + "backend")
    void dieWithParent() throws Exception {
        try {
            Subprocess probe = context().subprocess("sleep", "300").dieWithParent(true).start();
            probe.kill();
            probe.waitFor();
        } catch (UnsupportedOperationException e) {
            assertTrue(e.getMessage().contains(spawnBackend()), e.getMessage());
            return;
        }
        java.lang.Process parent = new ProcessBuilder(SubprocessParentProgram.command(spawnBackend(), ipcBackend()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long orphan = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("subprocess "), "expected 'subprocess <pid>', got " + line);
            orphan = Long.parseLong(line.substring("subprocess ".length()).trim());
            parent.destroyForcibly(); // SIGKILL: nothing of the parent's runs any more
            assertTrue(parent.waitFor(30, TimeUnit.SECONDS));
            assertGone(orphan, Duration.ofSeconds(10));
        } finally {
            parent.destroyForcibly();
            killQuietly(orphan);
        }
    }

    // ---- timeouts ------------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("on timeout communicate kills the child and reports the output read until then")
    void timeoutKillsAndReportsPartialOutput() throws Exception {
        Subprocess p = context().shell("echo partial; echo started >&2; echo warning >&2; exec sleep 300")
                .captureOutput().start();
        // Once "started" is seen, "partial" has been written: the timeout cannot strike before the output exists.
        assertEquals('s', p.stderr().read());
        SubprocessTimeoutException e = assertThrows(SubprocessTimeoutException.class,
                () -> p.communicate(null, Duration.ofMillis(500)));
        assertEquals("partial\n", new String(e.stdout(), StandardCharsets.UTF_8));
        assertEquals("tarted\nwarning\n", new String(e.stderr(), StandardCharsets.UTF_8));
        assertEquals(Duration.ofMillis(500), e.timeout());
        assertEquals(p.command(), e.command());
        assertTrue(p.waitFor(Duration.ofSeconds(30)));
        assertEquals(-SIGKILL, p.exitCode());
    }

    @Test
    @DisplayName("run with a timeout kills the child and raises with the partial output")
    void runTimeout() {
        SubprocessTimeoutException e = assertThrows(SubprocessTimeoutException.class, () -> context()
                .shell("echo started; exec sleep 300").captureOutput().run(null, Duration.ofSeconds(1)));
        assertEquals("started\n", new String(e.stdout(), StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("a timeout returns even when a grandchild keeps the pipe open after the child was killed")
    void timeoutWithGrandchildHoldingThePipe() throws Exception {
        Subprocess p = context().shell("sleep 300 & echo $!; wait").captureOutput().start();
        long grandchild = Long.parseLong(readLine(p.stdout()));
        long started = System.nanoTime();
        assertThrows(SubprocessTimeoutException.class, () -> p.communicate(null, Duration.ofMillis(500)));
        try {
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(20)) < 0);
            assertEquals(-SIGKILL, p.waitFor());
            assertTrue(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false),
                    "the grandchild outlives the child (it holds the pipe)");
        } finally {
            killQuietly(grandchild);
        }
    }

    // ---- run -----------------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("run returns the captured output of a program that exits with 0")
    void runSucceeds() throws Exception {
        CompletedProcess r = context().subprocess("printf", "%s-%s", "a", "b").captureOutput().run();
        assertEquals(0, r.exitCode());
        assertEquals("a-b", r.stdoutText());
        assertEquals("", r.stderrText());
    }

    @Test
    @DisplayName("run raises with the command, the exit code and the tail of stderr when the exit code is not 0")
    void runChecksTheExitCode() {
        SubprocessFailedException e = assertThrows(SubprocessFailedException.class, () -> context()
                .shell("echo out; for i in $(seq 1 100); do echo \"line $i\" >&2; done; echo oops >&2; exit 3")
                .captureOutput().run());
        assertEquals(3, e.exitCode());
        assertEquals("out\n", new String(e.stdout(), StandardCharsets.UTF_8));
        assertTrue(e.getMessage().contains("/bin/sh"), e.getMessage());
        assertTrue(e.getMessage().contains("exited with code 3"), e.getMessage());
        assertTrue(e.getMessage().endsWith("line 100\noops"), e.getMessage());
        assertFalse(e.getMessage().contains("line 50\n"), "only the tail: " + e.getMessage());
    }

    @Test
    @DisplayName("run feeds input, and reports a signal by name")
    void runWithInputAndSignal() throws Exception {
        CompletedProcess r = context().subprocess("tr", "a-z", "A-Z").captureOutput()
                .run("hello".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30));
        assertEquals("HELLO", r.stdoutText());
        SubprocessFailedException e = assertThrows(SubprocessFailedException.class,
                () -> context().shell("kill -KILL $$").run());
        assertTrue(e.getMessage().contains(spawnBackend().equals("processbuilder") ? "exited with code 137"
                : "was ended by signal 9 (SIGKILL)"), e.getMessage());
    }

    // ---- starting ------------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("a program that does not exist: an IOException naming it, and no process left behind")
    void missingProgram() throws Exception {
        Set<Long> before = childPids();
        String program = "mproc-no-such-program-" + System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> context().subprocess(program, "arg").start());
        assertTrue(e.getMessage().contains("'" + program + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(spawnBackend()), e.getMessage());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Set<Long> left = childPids();
        left.removeAll(before);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            pause();
            left = childPids();
            left.removeAll(before);
        }
        assertEquals(Set.of(), left, "no new child (not even a zombie) of this JVM remains");
    }

    @Test
    @DisplayName("arguments with spaces, quotes, $, globs and an empty one reach the program unmangled")
    void argumentsAreNotMangled() throws Exception {
        List<String> args = List.of("a b", "it's", "say \"hi\"", "", "$HOME", "*", "`id`", "$(id)", "tab\there",
                "back\\slash", "ünïcødé", "-n", "; rm -rf /");
        List<String> command = new ArrayList<>(List.of("printf", "%s\\n"));
        command.addAll(args);
        CompletedProcess direct = context().subprocess(command).captureOutput().run();
        assertEquals(args, direct.stdoutText().lines().collect(Collectors.toList()));
        CompletedProcess viaShell = context().shell("printf '%s\\n' \"$@\"", args.toArray(new String[0]))
                .captureOutput().run();
        assertEquals(args, viaShell.stdoutText().lines().collect(Collectors.toList()));
    }

    @Test
    @DisplayName("working directory and environment changes reach the program; environment(Map) replaces it all")
    void directoryAndEnvironment(@TempDir Path dir) throws Exception {
        Path real = dir.toRealPath();
        assertEquals(real.toString(), context().subprocess("pwd").directory(real).captureOutput().run()
                .stdoutText().strip());
        String home = System.getenv("HOME");
        CompletedProcess r = context().shell("echo \"$MPROC_A|${HOME-unset}\"").environment("MPROC_A", "x y")
                .environment("HOME", null).captureOutput().run();
        assertEquals("x y|unset", r.stdoutText().strip(), "HOME was " + home);
        CompletedProcess only = context().subprocess("/usr/bin/env").environment(Map.of("ONLY", "1"))
                .captureOutput().run();
        assertEquals(List.of("ONLY=1"), only.stdoutText().lines().collect(Collectors.toList()));
    }

    @Test
    @DisplayName("stdin from a file or /dev/null, stdout to a file, stderr discarded")
    void redirections(@TempDir Path dir) throws Exception {
        Path in = Files.writeString(dir.resolve("in.txt"), "from a file\n");
        Path out = dir.resolve("out.txt");
        CompletedProcess r = context().shell("cat; echo hidden >&2").stdin(StreamTarget.file(in))
                .stdout(StreamTarget.file(out)).stderr(StreamTarget.discard()).run();
        assertEquals(0, r.stdout().length);
        assertEquals(0, r.stderr().length);
        assertEquals("from a file\n", Files.readString(out));
        assertEquals("", context().subprocess("cat").stdin(StreamTarget.discard()).captureOutput().run()
                .stdoutText());
    }

    @Test
    @DisplayName("misuse is refused with a message naming the rule")
    void misuse() throws Exception {
        Subprocess p = context().subprocess("true").start();
        assertTrue(assertThrows(IllegalStateException.class, p::stdout).getMessage().contains("not a pipe"));
        assertThrows(IllegalStateException.class, () -> p.communicate(new byte[1]));
        assertEquals(0, p.communicate().exitCode());
        assertTrue(assertThrows(IllegalStateException.class, p::communicate).getMessage().contains("already"));
        assertThrows(IllegalArgumentException.class, () -> context().subprocess(List.of()));
        assertThrows(IllegalArgumentException.class, () -> context().subprocess("cat")
                .stdin(StreamTarget.appendTo(Path.of("x"))));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------------

    /**
     * Waits until the process or one of its descendants sleeps in the kernel writing to a full pipe, as
     * {@code /proc/<pid>/wchan} shows ({@code pipe_write}, or {@code anon_pipe_write} on newer kernels).
     */
    private static void awaitBlockedWritingToPipe(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            List<Long> pids = new ArrayList<>(List.of(pid));
            ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
            for (long candidate : pids) {
                String wchan = wchan(candidate);
                if (wchan.contains("pipe_write")) {
                    return;
                }
                seen.add(wchan);
            }
            pause();
        }
        throw new AssertionError("process " + pid + " never blocked writing to a pipe; wait channels seen: "
                + seen.stream().distinct().collect(Collectors.toList()));
    }

    /** Reads one line byte by byte, so that nothing after it is taken from the stream. */
    private static String readLine(java.io.InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString();
    }

    private static String wchan(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "wchan"));
        } catch (IOException e) {
            return "";
        }
    }

    private static long processGroup(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[2]);
    }

    private static Set<Long> childPids() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /** Waits for a process that is not our child to be gone (or a zombie awaiting its reaper). */
    private static void assertGone(long pid, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            String state = ProcStat.state(pid);
            if (state == null || state.equals("Z") || state.equals("X")) {
                return;
            }
            pause();
        }
        throw new AssertionError("process " + pid + " still runs after " + within);
    }

    private static void killQuietly(long pid) {
        if (pid > 0) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** Between two looks at /proc: the kernel offers nothing to wait on for another process's state. */
    private static void pause() throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(5);
    }
}
