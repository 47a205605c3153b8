package dev.mproc;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * A child process that runs one {@link Target} or {@link Task} in a fresh JVM: Python's
 * {@code multiprocessing.Process}. Created by {@link Context#process(Target)} or {@link Context#task(Task)},
 * configured ({@link #name(String)}, {@link #daemon(boolean)}), then {@linkplain #start() started} once.
 *
 * <h2>Life cycle</h2>
 * <i>initial</i> → {@link #start()} → <i>started</i> (alive until the child ends) → <i>stopped</i> (exit code
 * known) → {@link #close()} → <i>closed</i>. Misuse is an {@link IllegalStateException} whose message names the
 * rule (Python raises {@code AssertionError} or {@code ValueError} here, and loses the checks under
 * {@code python -O}).
 *
 * <h2>Exit codes</h2>
 * As in Python: 0 after a normal return; 1 when the target threw (the stack trace goes to the child's standard
 * error, and the exception to {@link #failure()}); {@code n} after {@code System.exit(n)}; {@code -s} when
 * signal {@code s} ended the child ({@link #terminate()} gives -15, {@link #kill()} gives -9). A spawn backend
 * that cannot see the real wait status (the portable one) reports {@code -s} when it sent the signal itself or
 * when the child ended with status {@code 128 + s} without reporting an outcome.
 *
 * <h2>Daemon children</h2>
 * A daemon child is terminated when its parent's main code ends — when the JVM's {@code main} thread finishes,
 * or the parent's own target returns — even while non-daemon children still run; a non-daemon child keeps
 * its parent JVM alive until it ends. A daemon child may not start children. If the parent dies abruptly
 * (SIGKILL), its daemon children notice the lost control channel and exit within a second.
 *
 * <p>Instances are thread-safe; {@link #join()} may be called from several threads at once.
 *
 * @param <R> the result type ({@link Void} for a {@link Target})
 */
public interface Process<R> extends AutoCloseable {

    /**
     * The name, {@code Process-N} unless set; the child sees it as {@link Mproc#currentProcess()}{@code .name()}.
     *
     * @return the name
     */
    String name();

    /**
     * Sets the name.
     *
     * @param name the new name
     * @return this process
     * @throws IllegalStateException if the process has already started
     */
    Process<R> name(String name);

    /**
     * Whether this is a daemon child. Defaults to the daemon flag of the current process (false in a JVM not
     * started by mproc), as in Python.
     *
     * @return the daemon flag
     */
    boolean isDaemon();

    /**
     * Sets the daemon flag.
     *
     * @param daemon whether the child is a daemon
     * @return this process
     * @throws IllegalStateException if the process has already started ({@code "process has already started"})
     */
    Process<R> daemon(boolean daemon);

    /**
     * Starts the child: serializes the target, launches a fresh JVM and hands it the target over the
     * authenticated control channel. Returns once the operating system has created the process; the target
     * runs soon after, concurrently with the caller.
     *
     * @return this process
     * @throws IllegalStateException if called twice ({@code "cannot start a process twice"}), on a closed
     *     process, or in a daemon process ({@code "daemonic processes are not allowed to have children"})
     * @throws CodecException if the target cannot be serialized; the message names the offending class
     * @throws MprocException if the process could not be launched
     */
    Process<R> start();

    /**
     * Waits until the child has ended. Returns at once if it already has; may be called again.
     *
     * @throws InterruptedException if the calling thread is interrupted while waiting
     * @throws IllegalStateException if the process was not started ({@code "can only join a started process"})
     *     or is closed
     */
    void join() throws InterruptedException;

    /**
     * Waits until the child has ended or the timeout elapses. A zero or negative timeout only checks. Returns
     * normally on timeout; the child keeps running.
     *
     * @param timeout the longest time to wait
     * @return {@code true} if the child has ended
     * @throws InterruptedException if the calling thread is interrupted while waiting
     * @throws IllegalStateException if the process was not started or is closed
     */
    boolean join(Duration timeout) throws InterruptedException;

    /**
     * Whether the child has been started and has not yet ended.
     *
     * @return {@code false} before start and after the child ended
     * @throws IllegalStateException if the process is closed
     */
    boolean isAlive();

    /**
     * The child's operating-system process id.
     *
     * @return the pid, empty before {@link #start()}
     * @throws IllegalStateException if the process is closed
     */
    OptionalLong pid();

    /**
     * The exit code, in Python's convention (negative: ended by that signal).
     *
     * @return the exit code; empty before start and while the child runs
     * @throws IllegalStateException if the process is closed
     */
    OptionalInt exitCode();

    /**
     * Asks the child to stop with SIGTERM. The JVM runs its shutdown hooks and ends; the exit code is then -15.
     * Does nothing if the child has already ended.
     *
     * @throws IllegalStateException if the process was not started or is closed
     */
    void terminate();

    /**
     * Ends the child at once with SIGKILL; the exit code is then -9. Does nothing if it has already ended.
     *
     * @throws IllegalStateException if the process was not started or is closed
     */
    void kill();

    /**
     * The value a {@link Task} returned.
     *
     * @return the result; {@code null} for a {@link Target}
     * @throws IllegalStateException if the child has not ended yet
     * @throws ProcessFailedException if the child did not complete its task: the target threw (the cause is that
     *     exception, with the child's stack trace) or the child ended without reporting an outcome
     */
    R result();

    /**
     * Why the child did not complete its target, once it has ended.
     *
     * @return the failure; empty while running and after success
     */
    Optional<ProcessFailedException> failure();

    /**
     * Completes with this process when the child has ended and its exit code is known. Dependent actions run on
     * an mproc thread and should not block.
     *
     * @return a future that never completes exceptionally
     * @throws IllegalStateException if the process was not started
     */
    CompletableFuture<Process<R>> onExit();

    /**
     * Releases what the parent keeps for this process. Idempotent. Afterwards every other method except
     * {@link #name()} and {@link #isDaemon()} throws {@code IllegalStateException("process object is closed")}.
     *
     * @throws IllegalStateException if the child is still running
     */
    @Override
    void close();
}
