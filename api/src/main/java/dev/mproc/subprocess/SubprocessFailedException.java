package dev.mproc.subprocess;

import dev.mproc.MprocException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A program run with a check ended with an exit code other than 0: Python's {@code CalledProcessError}. The
 * message names the command and how it ended, and ends with the last lines of its standard error when that was
 * captured.
 */
public class SubprocessFailedException extends MprocException {
    private static final long serialVersionUID = 1L;

    /** How much of the end of standard error the message quotes. */
    static final int TAIL_BYTES = 2048;
    static final int TAIL_LINES = 20;

    private final String[] command;
    private final int exitCode;
    private final byte[] stdout;
    private final byte[] stderr;

    /**
     * @param command the program and its arguments
     * @param exitCode the exit code; negative when a signal ended the program
     * @param stdout the captured standard output, empty if none
     * @param stderr the captured standard error, empty if none
     */
    public SubprocessFailedException(List<String> command, int exitCode, byte[] stdout, byte[] stderr) {
        super(message(command, exitCode, stderr));
        this.command = command.toArray(new String[0]);
        this.exitCode = exitCode;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    private static String message(List<String> command, int exitCode, byte[] stderr) {
        String tail = tail(stderr);
        return "command " + command + " " + Signals.describeEnd(exitCode)
                + (tail.isEmpty() ? "" : "; its standard error ends with:\n" + tail);
    }

    /** The last lines of the output: at most {@link #TAIL_LINES} lines from its last {@link #TAIL_BYTES} bytes. */
    static String tail(byte[] output) {
        int from = Math.max(0, output.length - TAIL_BYTES);
        String text = new String(output, from, output.length - from, StandardCharsets.UTF_8).stripTrailing();
        List<String> lines = List.of(text.split("\n", -1));
        // A cut inside the output leaves a partial first line: drop it unless it is all there is.
        int first = Math.max(lines.size() - TAIL_LINES, from > 0 && lines.size() > 1 ? 1 : 0);
        return String.join("\n", lines.subList(first, lines.size()));
    }

    /** @return the program and its arguments */
    public List<String> command() {
        return List.of(command);
    }

    /** @return the exit code; negative when a signal ended the program */
    public int exitCode() {
        return exitCode;
    }

    /** @return the captured standard output, empty if none; not a copy */
    public byte[] stdout() {
        return stdout;
    }

    /** @return the captured standard error, empty if none; not a copy */
    public byte[] stderr() {
        return stderr;
    }
}
