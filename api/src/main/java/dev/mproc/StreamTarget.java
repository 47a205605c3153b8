package dev.mproc;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a child's standard output or standard error goes.
 *
 * @param kind inherit the parent's stream, discard, or write to a file
 * @param file the file for {@link Kind#FILE}; {@code null} otherwise
 * @param append for {@link Kind#FILE}: append to the file instead of truncating it
 */
public record StreamTarget(Kind kind, Path file, boolean append) {

    /** The kinds of destination. */
    public enum Kind {
        /** The child writes to the same stream as its parent: output appears in the parent's console. */
        INHERIT,
        /** The output is thrown away ({@code /dev/null}). */
        DISCARD,
        /** The output goes to a file. */
        FILE
    }

    private static final StreamTarget INHERIT = new StreamTarget(Kind.INHERIT, null, false);
    private static final StreamTarget DISCARD = new StreamTarget(Kind.DISCARD, null, false);

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
     * Write to a file, truncating it first.
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
