package dev.mproc.spi;

/**
 * How a child process ended, as far as its spawn backend can tell.
 *
 * <p>A backend that sees the real wait status (through {@code waitpid}) reports {@linkplain #exited exit codes}
 * and {@linkplain #signaled signals} exactly. A backend that only sees the JDK's exit value (where a child
 * killed by signal <i>n</i> reads as {@code 128 + n}) reports {@linkplain #ambiguous ambiguous} values; the
 * context then decides with what it knows (a signal it sent, an outcome the child reported).
 *
 * @param code the exit code, or the signal number when {@code signal} is true
 * @param signal whether the process was ended by signal {@code code}
 * @param exact whether the backend knows this for certain
 */
public record ExitStatus(int code, boolean signal, boolean exact) {

    /**
     * The child called {@code exit(code)}.
     *
     * @param code the exit code, 0 to 255
     * @return an exact status
     */
    public static ExitStatus exited(int code) {
        return new ExitStatus(code, false, true);
    }

    /**
     * The child was ended by a signal.
     *
     * @param signal the signal number
     * @return an exact status
     */
    public static ExitStatus signaled(int signal) {
        return new ExitStatus(signal, true, true);
    }

    /**
     * The JDK's exit value, where values above 128 may mean "killed by signal value - 128".
     *
     * @param exitValue the value {@link java.lang.Process#exitValue()} gave
     * @return an inexact status
     */
    public static ExitStatus ambiguous(int exitValue) {
        return new ExitStatus(exitValue, false, false);
    }

    /**
     * The exit code in Python's convention: the exit code, or {@code -signal} when a signal ended the process.
     *
     * @return the Python-style exit code
     */
    public int pythonExitCode() {
        return signal ? -code : code;
    }
}
