package dev.mproc.subprocess;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A program that has ended, with its exit code and the output that was piped: Python's
 * {@code subprocess.CompletedProcess}. Returned by {@link Subprocess#communicate(byte[], java.time.Duration)} and
 * {@link SubprocessBuilder#run()}. The byte arrays are handed over as they are, not copied (output may be large).
 */
public final class CompletedProcess {

    private final List<String> command;
    private final int exitCode;
    private final byte[] stdout;
    private final byte[] stderr;

    /**
     * @param command the program and its arguments
     * @param exitCode the exit code; negative when a signal ended the program
     * @param stdout the standard output read, empty if it was not piped
     * @param stderr the standard error read, empty if it was not piped
     */
    public CompletedProcess(List<String> command, int exitCode, byte[] stdout, byte[] stderr) {
        this.command = List.copyOf(command);
        this.exitCode = exitCode;
        this.stdout = Objects.requireNonNull(stdout, "stdout");
        this.stderr = Objects.requireNonNull(stderr, "stderr");
    }

    /** @return the program and its arguments */
    public List<String> command() {
        return command;
    }

    /** @return the exit code; negative when a signal ended the program */
    public int exitCode() {
        return exitCode;
    }

    /** @return the standard output, empty if it was not piped; not a copy */
    public byte[] stdout() {
        return stdout;
    }

    /** @return the standard error, empty if it was not piped; not a copy */
    public byte[] stderr() {
        return stderr;
    }

    /** @return the standard output decoded as UTF-8 (malformed input replaced) */
    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /** @return the standard error decoded as UTF-8 (malformed input replaced) */
    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    /**
     * Python's {@code check_returncode()}.
     *
     * @return this, if the exit code is 0
     * @throws SubprocessFailedException otherwise, with the command, exit code and output
     */
    public CompletedProcess checkExitCode() {
        if (exitCode != 0) {
            throw new SubprocessFailedException(command, exitCode, stdout, stderr);
        }
        return this;
    }

    @Override
    public String toString() {
        return "CompletedProcess[command=" + command + ", exitCode=" + exitCode + ", stdout=" + stdout.length
                + " bytes, stderr=" + stderr.length + " bytes]";
    }
}
