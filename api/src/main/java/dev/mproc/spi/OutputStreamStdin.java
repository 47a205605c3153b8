package dev.mproc.spi;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A helper for spawn-backend authors: a {@link StdinPipe} over a blocking {@link OutputStream} (the parent's end
 * of a child's standard-input pipe). Writes go in order through one writer thread, started on demand and ended
 * after a second without work, since the stream blocks while the pipe is full and the caller of
 * {@link StdinPipe#write} must not. After a failed write (a broken pipe: the child ended or closed its stdin)
 * every later write fails with the same {@link IOException}. {@link #close()} closes the stream after the queued
 * writes.
 *
 * <p>A write blocked on a pipe whose reader is gone fails with a broken pipe; one blocked on a pipe that a
 * descendant of the child inherited and never reads stays blocked as long as that descendant lives.
 */
public final class OutputStreamStdin implements StdinPipe {

    private static final long STACK_BYTES = 256 * 1024;

    private final OutputStream out;
    private final String name;
    private final ThreadPoolExecutor writer;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    // Guarded by this.
    private boolean closing;
    // Written and read by the writer thread only.
    private IOException failure;

    /**
     * @param out the stream to write; this pipe owns it and closes it
     * @param name the name of the writer thread, also used in messages (for example
     *     {@code "mproc-subprocess-1234-stdin"})
     */
    public OutputStreamStdin(OutputStream out, String name) {
        this.out = out;
        this.name = name;
        this.writer = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread t = new Thread(null, task, name, STACK_BYTES);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public CompletableFuture<Void> write(ByteBuffer src) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (this) {
            if (closing) {
                done.completeExceptionally(new IOException(name + " is closed"));
                return done;
            }
            writer.execute(() -> {
                if (failure != null) {
                    done.completeExceptionally(failure);
                    return;
                }
                try {
                    if (src.hasArray()) {
                        out.write(src.array(), src.arrayOffset() + src.position(), src.remaining());
                        src.position(src.limit());
                    } else {
                        byte[] copy = new byte[src.remaining()];
                        src.get(copy);
                        out.write(copy);
                    }
                    out.flush();
                    done.complete(null);
                } catch (IOException e) {
                    failure = e;
                    done.completeExceptionally(e);
                }
            });
        }
        return done;
    }

    @Override
    public CompletableFuture<Void> close() {
        synchronized (this) {
            if (closing) {
                return closed;
            }
            closing = true;
            writer.execute(() -> {
                try {
                    out.close();
                } catch (IOException e) {
                    // The child's end is gone already; closed either way.
                }
                closed.complete(null);
            });
            writer.shutdown();
        }
        return closed;
    }
}
