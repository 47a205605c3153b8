package dev.mproc.spi;

import java.util.concurrent.CompletableFuture;

/**
 * A child process started by a {@link SpawnBackend}. The backend reaps the child exactly once and completes
 * {@link #onExit()} with its status; the caller never waits on the pid itself. Thread-safe.
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
}
