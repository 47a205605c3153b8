package dev.mproc.internal.subprocess;

import dev.mproc.spi.ExitStatus;
import dev.mproc.spi.SpawnedProcess;
import dev.mproc.spi.StdinPipe;
import dev.mproc.subprocess.CompletedProcess;
import dev.mproc.subprocess.Subprocess;
import dev.mproc.subprocess.SubprocessTimeoutException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A started subprocess: the spawn backend's handle, the buffers of its piped output, its piped input, and the
 * interpretation of its exit status.
 */
final class RunningSubprocess implements Subprocess {

    private static final int SIGKILL = 9;
    private static final int SIGTERM = 15;
    /** After a timeout kill, how long output may still arrive before the pipes are closed. */
    static final Duration KILL_GRACE = Duration.ofSeconds(1);
    private static final byte[] NONE = new byte[0];

    private final List<String> command;
    private final SpawnedProcess process;
    private final boolean ownGroup;
    private final StdinPipe stdinPipe;
    private final StdinStream stdinStream;
    private final OutputBuffer out;
    private final OutputBuffer err;
    /** Signals this parent sent, bit {@code n} for signal {@code n}: what makes {@code 128 + n} mean signal n. */
    private final AtomicLong signalsSent = new AtomicLong();
    private final AtomicBoolean communicated = new AtomicBoolean();
    private final CompletableFuture<Integer> exitCode;
    private final CompletableFuture<Subprocess> exited;

    RunningSubprocess(List<String> command, SpawnedProcess process, boolean ownGroup, StdinPipe stdin,
            OutputBuffer out, OutputBuffer err) {
        this.command = List.copyOf(command);
        this.process = process;
        this.ownGroup = ownGroup;
        this.stdinPipe = stdin;
        this.stdinStream = stdin == null ? null : new StdinStream(stdin, "standard input of " + this.command);
        this.out = out;
        this.err = err;
        this.exitCode = process.onExit().thenApply(status -> interpret(status, signalsSent.get()));
        this.exited = exitCode.thenApply(code -> this);
    }

    /**
     * Python's exit code from what the backend saw. An inexact {@code 128 + s} means "ended by signal s" only
     * when this parent sent signal s: unlike a child JVM, an external program may choose such a code itself (a
     * shell reports a killed child that way).
     */
    static int interpret(ExitStatus status, long signalsSent) {
        if (status.exact()) {
            return status.pythonExitCode();
        }
        int value = status.code();
        int signal = value - 128;
        if (signal > 0 && signal < 64 && (signalsSent & (1L << signal)) != 0) {
            return -signal;
        }
        return value;
    }

    @Override
    public List<String> command() {
        return command;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public OptionalInt poll() {
        return exitCode.isDone() ? OptionalInt.of(exitCode.join()) : OptionalInt.empty();
    }

    @Override
    public int exitCode() {
        if (!exitCode.isDone()) {
            throw new IllegalStateException("process " + pid() + " " + command + " has not ended yet");
        }
        return exitCode.join();
    }

    @Override
    public int waitFor() throws InterruptedException {
        unlimitOutput();
        try {
            return exitCode.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the exit status of " + command + " was lost", e.getCause());
        }
    }

    @Override
    public boolean waitFor(Duration timeout) throws InterruptedException {
        unlimitOutput();
        if (exitCode.isDone()) {
            return true;
        }
        if (timeout.isNegative() || timeout.isZero()) {
            return false;
        }
        try {
            exitCode.get(Deadlines.nanos(timeout), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the exit status of " + command + " was lost", e.getCause());
        }
    }

    @Override
    public CompletableFuture<Subprocess> onExit() {
        unlimitOutput();
        return exited;
    }

    private void unlimitOutput() {
        if (out != null) {
            out.unlimit();
        }
        if (err != null) {
            err.unlimit();
        }
    }

    // ---- signals ---------------------------------------------------------------------------------------------

    @Override
    public void terminate() {
        signal(SIGTERM, false);
    }

    @Override
    public void kill() {
        signal(SIGKILL, false);
    }

    @Override
    public void sendSignal(int signal) {
        signal(signal, false);
    }

    @Override
    public void sendSignalToGroup(int signal) {
        if (!ownGroup) {
            throw new IllegalStateException("process " + pid() + " " + command + " was not started in a process "
                    + "group of its own; start it with newProcessGroup(true)");
        }
        signal(signal, true);
    }

    private void signal(int signal, boolean group) {
        if (signal <= 0 || signal >= 64) {
            throw new IllegalArgumentException("not a signal number: " + signal);
        }
        if (exitCode.isDone()) {
            return;
        }
        signalsSent.getAndUpdate(bits -> bits | (1L << signal));
        process.signal(signal, group);
    }

    // ---- streams ---------------------------------------------------------------------------------------------

    @Override
    public OutputStream stdin() {
        if (stdinStream == null) {
            throw notPiped("standard input", "stdin");
        }
        return stdinStream;
    }

    @Override
    public InputStream stdout() {
        if (out == null) {
            throw notPiped("standard output", "stdout");
        }
        return out.stream();
    }

    @Override
    public InputStream stderr() {
        if (err == null) {
            throw notPiped("standard error", "stderr");
        }
        return err.stream();
    }

    @Override
    public Stream<String> stdoutLines(Charset charset) {
        return lines(stdout(), charset);
    }

    @Override
    public Stream<String> stderrLines(Charset charset) {
        return lines(stderr(), charset);
    }

    private static Stream<String> lines(InputStream in, Charset charset) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, Objects.requireNonNull(charset)));
        return reader.lines().onClose(() -> {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private IllegalStateException notPiped(String stream, String method) {
        return new IllegalStateException("the " + stream + " of " + command + " is not a pipe; start it with "
                + method + "(StreamTarget.pipe())");
    }

    // ---- communicate -----------------------------------------------------------------------------------------

    @Override
    public CompletedProcess communicate() throws IOException, InterruptedException {
        return collect(null, Deadlines.NONE);
    }

    @Override
    public CompletedProcess communicate(byte[] input) throws IOException, InterruptedException {
        return collect(input, Deadlines.NONE);
    }

    @Override
    public CompletedProcess communicate(byte[] input, Duration timeout)
            throws IOException, InterruptedException, SubprocessTimeoutException {
        CompletedProcess done = collect(input, Deadlines.after(timeout));
        if (done == null) {
            throw timedOut(timeout);
        }
        return done;
    }

    /**
     * Feeds the input, waits for end-of-file on the piped outputs and for the exit.
     *
     * @return the result, or {@code null} if the deadline passed first
     */
    private CompletedProcess collect(byte[] input, long deadline) throws IOException, InterruptedException {
        if (input != null && input.length > 0 && stdinPipe == null) {
            throw notPiped("standard input", "stdin");
        }
        if (!communicated.compareAndSet(false, true)) {
            throw new IllegalStateException("communicate was already called on " + command);
        }
        unlimitOutput();
        if (stdinPipe != null) {
            if (input != null && input.length > 0) {
                // A broken pipe means the program stopped reading: its exit status tells the rest, as in Python.
                stdinPipe.write(ByteBuffer.wrap(input)).whenComplete((ok, failed) -> stdinPipe.close());
            } else {
                stdinPipe.close();
            }
        }
        if ((out != null && !out.awaitEnd(deadline)) || (err != null && !err.awaitEnd(deadline))) {
            return null;
        }
        int code;
        try {
            code = deadline == Deadlines.NONE ? exitCode.get()
                    : exitCode.get(Deadlines.nanosLeft(deadline), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the exit status of " + command + " was lost", e.getCause());
        }
        return new CompletedProcess(command, code, out == null ? NONE : out.takeAll(true),
                err == null ? NONE : err.takeAll(true));
    }

    /**
     * Kills the program after a timeout, collects what it wrote until its pipes closed (or the grace period
     * ended, when a descendant keeps them open), then closes them.
     */
    private SubprocessTimeoutException timedOut(Duration timeout) throws InterruptedException, IOException {
        killAfterTimeout();
        long grace = Deadlines.after(KILL_GRACE);
        try {
            exitCode.get(Deadlines.nanosLeft(grace), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Reported without the exit; the backend reaps the program whenever it ends.
        }
        byte[] stdout = NONE;
        byte[] stderr = NONE;
        if (out != null) {
            out.awaitEnd(grace);
            stdout = out.takeAll(false);
            out.close();
        }
        if (err != null) {
            err.awaitEnd(grace);
            stderr = err.takeAll(false);
            err.close();
        }
        return new SubprocessTimeoutException(command, timeout, stdout, stderr);
    }

    private void killAfterTimeout() {
        try {
            signal(SIGKILL, ownGroup);
        } catch (UnsupportedOperationException e) {
            signal(SIGKILL, false);
        }
    }

    /** Kills the program when a caller gives up on it (run() interrupted); never throws. */
    void killQuietly() {
        try {
            killAfterTimeout();
        } catch (RuntimeException e) {
            // Already gone.
        }
    }

    // ---- close -----------------------------------------------------------------------------------------------

    @Override
    public void close() {
        if (stdinPipe != null) {
            stdinPipe.close();
        }
        if (out != null) {
            out.close();
        }
        if (err != null) {
            err.close();
        }
        try {
            exitCode.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // Nothing left to wait for.
        }
    }

    @Override
    public String toString() {
        OptionalInt code = poll();
        return "<Subprocess pid=" + pid() + " " + command + (code.isPresent() ? " exitcode=" + code.getAsInt()
                : " running") + ">";
    }
}
