package dev.mproc.pool;

import dev.mproc.MprocException;

/**
 * A task failed because the worker process running it ended (killed by a signal, out of memory,
 * {@code System.exit}, or replaced after a task timeout). Beyond Python, whose pool hangs here: only the tasks
 * that worker was running fail, a new worker takes its place, and the pool goes on.
 */
public class WorkerDiedException extends MprocException {
    private static final long serialVersionUID = 1L;

    private final long pid;
    private final int exitCode;

    /**
     * @param message what happened
     * @param pid the worker's pid
     * @param exitCode its exit code, negative when a signal ended it
     */
    public WorkerDiedException(String message, long pid, int exitCode) {
        super(message);
        this.pid = pid;
        this.exitCode = exitCode;
    }

    /** @return the pid of the worker that died */
    public long pid() {
        return pid;
    }

    /** @return its exit code (Python's convention: {@code -9} for SIGKILL) */
    public int exitCode() {
        return exitCode;
    }
}
