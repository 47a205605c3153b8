package dev.mproc;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a child's standard stream is connected: standard output and standard error go to a target, standard
 * input (of a {@linkplain dev.mproc.subprocess.Subprocess subprocess}) comes from one.
 *
 * <p>{@link Kind#PIPE} is for subprocesses only: the parent holds the other end of the pipe and reads or writes
 * it through the {@link dev.mproc.subprocess.Subprocess}. A child JVM started as a {@link Process} cannot have
 * its output piped ({@link ContextOptions} refuses it), since nothing would read the pipe.
 *
 * @param kind inherit the parent's stream, discard, a file, or a pipe to the parent
 * @param file the file for {@link Kind#FILE}; {@code null} otherwise
 * @param append for {@link Kind#FILE}: append to the file instead of truncating it
 */
public record StreamTarget(Kind kind, Path file, boolean append) {

    /** The kinds of destination. */
    public enum Kind {
        /** The child writes to the same stream as its parent: output appears in the parent's console. */
        INHERIT,
        /** The output is thrown away ({@code /dev/null}); as standard input: end-of-file at once. */
        DISCARD,
        /** The output goes to a file; as standard input: the child reads the file. */
        FILE,
        /** A pipe whose other end the parent holds (subprocesses only). */
        PIPE
    }

    private static final StreamTarget INHERIT = new StreamTarget(Kind.INHERIT, null, false);
    private static final StreamTarget DISCARD = new StreamTarget(Kind.DISCARD, null, false);
    private static final StreamTarget PIPE = new StreamTarget(Kind.PIPE, null, false);

    /** Checks that a file is given exactly for {@link Kind#FILE}. */
    public StreamTarget {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.FILE) != (file != null)) {
            throw new IllegalArgumentException("a file is required for FILE and only for FILE, got " + kind + " " + file);
        }
    }

    /**
     * Inherit the parent's stream.
     *
     * @return the shared instance
     */
    public static StreamTarget inherit() {
        return INHERIT;
    }

    /**
     * Discard the output.
     *
     * @return the shared instance
     */
    public static StreamTarget discard() {
        return DISCARD;
    }

    /**
     * A pipe to the parent: for a subprocess's standard input, output or error, which the parent then writes
     * or reads through the {@link dev.mproc.subprocess.Subprocess}.
     *
     * @return the shared instance
     */
    public static StreamTarget pipe() {
        return PIPE;
    }

    /**
     * Write to a file, truncating it first; as standard input, read the file.
     *
     * @param file the file
     * @return a file target
     */
    public static StreamTarget file(Path file) {
        return new StreamTarget(Kind.FILE, file, false);
    }

    /**
     * Append to a file.
     *
     * @param file the file
     * @return an appending file target
     */
    public static StreamTarget appendTo(Path file) {
        return new StreamTarget(Kind.FILE, file, true);
    }
}
