package dev.mproc.subprocess;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * A running external program: Python's {@code subprocess.Popen}. Started by {@link SubprocessBuilder#start()}.
 *
 * <p>Piped output is read as it arrives, so waiting for the end never deadlocks on a full pipe (see the
 * {@linkplain dev.mproc.subprocess package documentation} for the rule and its memory cost); use
 * {@link #communicate(byte[], Duration)} to feed input and collect all output at once, or {@link #stdoutLines()}
 * to follow the output line by line.
 *
 * <p>Exit codes follow {@link dev.mproc.Process}: {@code n} after {@code exit(n)}, {@code -s} when signal
 * {@code s} ended the program — exact on a backend that sees wait statuses (posix-fork); on processbuilder only
 * for the signals mproc sent ({@code 128 + s} otherwise).
 *
 * <p>Thread-safe: one thread may wait while another reads the output or sends a signal.
 */
public interface Subprocess extends AutoCloseable {

    /** @return the program and its arguments, as started */
    List<String> command();

    /** @return the operating system's process id */
    long pid();

    /** @return whether the program is still running (it has not been reaped) */
    boolean isAlive();

    /**
     * The exit code, if the program has ended: Python's {@code Popen.poll()}. Never blocks.
     *
     * @return the exit code, or empty while the program runs
     */
    OptionalInt poll();

    /**
     * The exit code of a program that has ended, as {@link java.lang.Process#exitValue()}.
     *
     * @return the exit code; negative when a signal ended the program
     * @throws IllegalStateException if the program is still running
     */
    int exitCode();

    /**
     * Waits until the program has ended. Piped output nobody reads goes on being read into memory meanwhile, so
     * the program cannot block on a full pipe (the deadlock of {@link java.lang.Process#waitFor()} before reading
     * its output).
     *
     * @return the exit code
     * @throws InterruptedException if the calling thread is interrupted; the program keeps running
     */
    int waitFor() throws InterruptedException;

    /**
     * Waits until the program has ended or the timeout elapses, as {@link #waitFor()}. A zero or negative
     * timeout only checks. The program keeps running after a timeout.
     *
     * @param timeout the longest time to wait
     * @return {@code true} if the program has ended
     * @throws InterruptedException if the calling thread is interrupted
     */
    boolean waitFor(Duration timeout) throws InterruptedException;

    /**
     * Completes with this subprocess when the program has ended. As with {@link #waitFor()}, unread piped output
     * is read into memory from now on. Dependent actions may run on a backend thread and should not block.
     *
     * @return the exit future
     */
    CompletableFuture<Subprocess> onExit();

    /** Asks the program to stop with SIGTERM (exit code -15). Does nothing if it has already ended. */
    void terminate();

    /** Ends the program at once with SIGKILL (exit code -9). Does nothing if it has already ended. */
    void kill();

    /**
     * Sends a signal to the program. Does nothing if it has already ended.
     *
     * @param signal the POSIX signal number, for example 2 (SIGINT)
     * @throws UnsupportedOperationException if the spawn backend cannot send that signal (processbuilder sends
     *     only SIGTERM and SIGKILL); the message names the backend
     */
    void sendSignal(int signal);

    /**
     * Sends a signal to the program's whole process group: the program and every descendant that stayed in it.
     *
     * @param signal the POSIX signal number
     * @throws IllegalStateException if the program was not started with
     *     {@link SubprocessBuilder#newProcessGroup(boolean) newProcessGroup(true)}
     */
    void sendSignalToGroup(int signal);

    /**
     * The program's standard input. A write returns once the bytes are in the pipe; it blocks while the pipe
     * is full, that is until the program reads. Close it to send end-of-file.
     *
     * @return the same stream on every call
     * @throws IllegalStateException if standard input is not a pipe
     */
    OutputStream stdin();

    /**
     * The program's standard output, as it arrives. Reading through this stream paces the program: at most
     * 1 MiB is read ahead of you until a thread waits for the end ({@link #waitFor()}). Closing it closes the
     * pipe: a program that writes more then gets SIGPIPE.
     *
     * @return the same stream on every call
     * @throws IllegalStateException if standard output is not a pipe
     */
    InputStream stdout();

    /**
     * The program's standard error, as {@link #stdout()}.
     *
     * @return the same stream on every call
     * @throws IllegalStateException if standard error is not a pipe
     */
    InputStream stderr();

    /**
     * The lines of standard output in UTF-8, each as soon as it is complete: {@code stdoutLines(UTF_8)}.
     *
     * @return the lines, without their terminators
     * @throws IllegalStateException if standard output is not a pipe
     */
    default Stream<String> stdoutLines() {
        return stdoutLines(StandardCharsets.UTF_8);
    }

    /**
     * The lines of standard output, each as soon as it is complete; the stream ends at end-of-file. Reads
     * {@link #stdout()} through a buffer, so do not mix the two. A read error surfaces as
     * {@link java.io.UncheckedIOException}; closing the stream closes the pipe.
     *
     * @param charset the program's encoding
     * @return the lines, without their terminators
     * @throws IllegalStateException if standard output is not a pipe
     */
    Stream<String> stdoutLines(Charset charset);

    /**
     * The lines of standard error in UTF-8, as {@link #stdoutLines()}.
     *
     * @return the lines, without their terminators
     * @throws IllegalStateException if standard error is not a pipe
     */
    default Stream<String> stderrLines() {
        return stderrLines(StandardCharsets.UTF_8);
    }

    /**
     * The lines of standard error, as {@link #stdoutLines(Charset)}.
     *
     * @param charset the program's encoding
     * @return the lines, without their terminators
     * @throws IllegalStateException if standard error is not a pipe
     */
    Stream<String> stderrLines(Charset charset);

    /**
     * {@code communicate(null, null)}: closes a piped standard input, then collects the output and the exit code.
     *
     * @return the exit code and the output
     * @throws IOException if the output cannot be read
     * @throws InterruptedException if the calling thread is interrupted; the program keeps running
     */
    CompletedProcess communicate() throws IOException, InterruptedException;

    /**
     * {@code communicate(input, null)}: no time limit.
     *
     * @param input the bytes to write to standard input before closing it; {@code null} for none
     * @return the exit code and the output
     * @throws IOException if the output cannot be read
     * @throws InterruptedException if the calling thread is interrupted; the program keeps running
     */
    CompletedProcess communicate(byte[] input) throws IOException, InterruptedException;

    /**
     * Writes {@code input} to standard input and closes it, reads standard output and standard error to their
     * end — all three at once, so no amount of output or input can deadlock — and waits for the exit: Python's
     * {@code Popen.communicate}. If the program stops reading its input early (it ended, or closed it), the rest
     * of the input is dropped, as in Python. Returns what was not yet read through {@link #stdout()} and
     * {@link #stderr()}; a stream that is not a pipe gives an empty array. May be called once.
     *
     * <p>On timeout the program is killed (its whole process group when started with
     * {@link SubprocessBuilder#newProcessGroup(boolean) newProcessGroup}), the output that arrives until its
     * pipes close — at most one more second, in case a descendant holds them open — is collected, the pipes are
     * closed, and a {@link SubprocessTimeoutException} carries that partial output.
     *
     * @param input the bytes to write to standard input before closing it; {@code null} for none
     * @param timeout how long to wait for the end; {@code null} for no limit
     * @return the exit code and the output
     * @throws SubprocessTimeoutException if the program did not end in time; it has been killed
     * @throws IOException if the output cannot be read
     * @throws InterruptedException if the calling thread is interrupted; the program keeps running
     * @throws IllegalStateException if called twice, or given input while standard input is not a pipe
     */
    CompletedProcess communicate(byte[] input, Duration timeout)
            throws IOException, InterruptedException, SubprocessTimeoutException;

    /**
     * Closes the pipes this JVM holds (a program that then writes gets SIGPIPE, one that reads its input gets
     * end-of-file) and waits for the program to end, as Python's {@code with Popen(...)} does on exit. An
     * interrupt stops the wait and is kept in the thread's interrupt status.
     */
    @Override
    void close();
}
