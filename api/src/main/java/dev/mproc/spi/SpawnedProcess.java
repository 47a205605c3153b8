package dev.mproc.spi;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A child process started by a {@link SpawnBackend}. The backend reaps the child exactly once and completes
 * {@link #onExit()} with its status; the caller never waits on the pid itself. Thread-safe.
 *
 * <h2>Pipes</h2>
 * For each standard stream the {@link LaunchSpec} asked to be a {@link dev.mproc.StreamTarget#pipe() pipe}, the
 * backend hands out the parent's end: {@link #stdin()} as a {@link StdinPipe}, {@link #stdout()} and
 * {@link #stderr()} as single-subscriber {@link Flow.Publisher}s of the bytes as they arrive. Reading follows the
 * subscriber's demand (one {@code request} unit is one chunk of any size), so that a slow reader holds the child
 * back through the full pipe instead of filling the parent's memory; a subscriber that wants everything keeps
 * requesting. After end-of-file the publisher calls {@code onComplete}; a read error calls {@code onError} with
 * an {@link java.io.IOException}; {@code cancel} closes the parent's end (the child's next write fails with
 * {@code EPIPE}). Chunks are handed over: the subscriber owns each buffer it receives. Signals run on a
 * backend thread and must not block.
 *
 * <p>How a backend reads is its choice, and the reason for this shape: the JDK gives a child's pipes only as
 * blocking streams, so the processbuilder backend needs a thread per piped stream; a backend holding the
 * descriptors (posix-fork) sets them non-blocking and serves every child's pipes from one event thread
 * ({@code epoll}), watching a descriptor for input only while its subscriber has demand.
 */
public interface SpawnedProcess {

    /**
     * The operating system's process id.
     *
     * @return the pid
     */
    long pid();

    /**
     * Whether the child has not yet been reaped.
     *
     * @return {@code true} while the process runs
     */
    boolean isAlive();

    /**
     * Completes once, with the exit status, when the child has ended and been reaped. Dependent actions run on
     * a backend thread and must not block.
     *
     * @return the exit future; never completes exceptionally
     */
    CompletableFuture<ExitStatus> onExit();

    /**
     * Sends a signal to the child (or, when it was started in its own process group and {@code group} is true,
     * to that whole group). Does nothing if the child has already been reaped.
     *
     * @param signal the POSIX signal number, for example 15 (SIGTERM) or 9 (SIGKILL)
     * @param group whether to signal the child's process group rather than the child alone
     * @throws UnsupportedOperationException if this backend cannot send that signal (the message names it)
     */
    void signal(int signal, boolean group);

    /**
     * The parent's end of the child's standard-input pipe.
     *
     * @return the pipe, present exactly when {@link LaunchSpec#stdin()} was a pipe
     */
    default Optional<StdinPipe> stdin() {
        return Optional.empty();
    }

    /**
     * The child's standard output, when {@link LaunchSpec#stdout()} was a pipe. The backend buffers nothing
     * beyond the current chunk: until a subscriber requests, the child's writes fill the pipe and then block.
     *
     * @return the publisher of the output, present exactly when stdout was a pipe; it accepts one subscriber
     */
    default Optional<Flow.Publisher<ByteBuffer>> stdout() {
        return Optional.empty();
    }

    /**
     * The child's standard error, when {@link LaunchSpec#stderr()} was a pipe; as {@link #stdout()}.
     *
     * @return the publisher of the error output, present exactly when stderr was a pipe; it accepts one subscriber
     */
    default Optional<Flow.Publisher<ByteBuffer>> stderr() {
        return Optional.empty();
    }

    /**
     * The parent's ends of the child's control pipes.
     *
     * @return the pipes, present exactly when {@link LaunchSpec#controlPipes()} was asked of a backend that
     *     {@linkplain SpawnBackend#supportsControlPipes() supports them}; the caller owns and closes them
     */
    default Optional<ControlPipes> controlPipes() {
        return Optional.empty();
    }
}
