package dev.mproc;

/**
 * A child process did not complete its target or task: the code threw (the exception is the
 * {@linkplain #getCause() cause}, with the child's stack trace), the child could not run it (for example a
 * class missing from its class path), or it ended without reporting an outcome (killed by a signal, or
 * {@code System.exit} inside the target).
 */
public class ProcessFailedException extends MprocException {
    private static final long serialVersionUID = 1L;

    private final long pid;
    private final int exitCode;

    /**
     * @param message what happened, naming the process
     * @param cause the exception thrown in the child, or {@code null} if none was reported
     * @param pid the child's pid
     * @param exitCode the child's exit code in Python's convention ({@code < 0}: ended by that signal)
     */
    public ProcessFailedException(String message, Throwable cause, long pid, int exitCode) {
        super(message, cause);
        this.pid = pid;
        this.exitCode = exitCode;
    }

    /** @return the pid of the child that failed */
    public long pid() {
        return pid;
    }

    /** @return the child's exit code; negative when a signal ended it */
    public int exitCode() {
        return exitCode;
    }
}
