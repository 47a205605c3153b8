package dev.mproc.subprocess;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * A program did not end within its time limit and was killed: Python's {@code TimeoutExpired}, with the output
 * read before the kill (and until its pipes closed).
 */
public class SubprocessTimeoutException extends TimeoutException {
    private static final long serialVersionUID = 1L;

    private final String[] command;
    private final Duration timeout;
    private final byte[] stdout;
    private final byte[] stderr;

    /**
     * @param command the program and its arguments
     * @param timeout the time limit it exceeded
     * @param stdout the standard output read before the end, empty if none or not piped
     * @param stderr the standard error read before the end, empty if none or not piped
     */
    public SubprocessTimeoutException(List<String> command, Duration timeout, byte[] stdout, byte[] stderr) {
        super("command " + command + " timed out after " + timeout.toMillis() + " ms and was killed; "
                + stdout.length + " bytes of standard output and " + stderr.length + " of standard error were read");
        this.command = command.toArray(new String[0]);
        this.timeout = timeout;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** @return the program and its arguments */
    public List<String> command() {
        return List.of(command);
    }

    /** @return the time limit the program exceeded */
    public Duration timeout() {
        return timeout;
    }

    /** @return the standard output read before the kill; not a copy */
    public byte[] stdout() {
        return stdout;
    }

    /** @return the standard error read before the kill; not a copy */
    public byte[] stderr() {
        return stderr;
    }
}
