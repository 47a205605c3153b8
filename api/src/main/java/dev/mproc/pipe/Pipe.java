package dev.mproc.pipe;

import java.util.Objects;

/**
 * The two ends of a new pipe, as Python's {@code multiprocessing.Pipe()} returns them. Created by
 * {@link dev.mproc.Primitives#pipe()} (duplex) or {@link dev.mproc.Primitives#pipe(boolean)}.
 *
 * <p>Of a duplex pipe, both ends send and receive, and {@code left} and {@code right} are interchangeable.
 * Of a one-way pipe, {@code left} is the end that receives and {@code right} the end that sends, in
 * Python's order {@code (reader, writer)}; {@link #reader()} and {@link #writer()} name them so.
 *
 * <p>The holder itself is not serializable: give another process one end, usually closing this process's
 * copy of that end afterwards, as in Python.
 *
 * @param left the first end; the receiving end of a one-way pipe
 * @param right the second end; the sending end of a one-way pipe
 */
public record Pipe(Connection left, Connection right) implements AutoCloseable {

    /**
     * Creates the holder of two ends.
     *
     * @param left the first end; the receiving end of a one-way pipe
     * @param right the second end; the sending end of a one-way pipe
     */
    public Pipe {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
    }

    /**
     * Returns the receiving end of a one-way pipe, which is {@link #left()}; of a duplex pipe, simply
     * {@code left()}.
     *
     * @return {@code left()}
     */
    public Connection reader() {
        return left;
    }

    /**
     * Returns the sending end of a one-way pipe, which is {@link #right()}; of a duplex pipe, simply
     * {@code right()}.
     *
     * @return {@code right()}
     */
    public Connection writer() {
        return right;
    }

    /**
     * Closes this process's handles to both ends, as Python's {@code with a, b:} does.
     */
    @Override
    public void close() {
        try {
            left.close();
        } finally {
            right.close();
        }
    }
}
