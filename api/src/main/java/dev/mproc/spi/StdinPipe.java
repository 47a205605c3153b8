package dev.mproc.spi;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * The parent's end of the pipe to a child's standard input ({@link LaunchSpec#stdin()} was
 * {@link dev.mproc.StreamTarget#pipe()}). Writing never blocks the caller: a full pipe is the child's business,
 * and a caller blocked on it while the child blocks on its own full output pipe is exactly the deadlock the
 * subprocess api exists to prevent. Thread-safe.
 *
 * <p>A backend with non-blocking descriptors writes from its event thread whenever the pipe has room; a backend
 * with only blocking streams (processbuilder) needs a writer thread.
 */
public interface StdinPipe {

    /**
     * Queues the remaining bytes of {@code src} for the child, after every earlier write. The backend owns
     * {@code src} until the returned future completes and reads it to its limit.
     *
     * @param src the bytes to write
     * @return completes when every byte is in the pipe (not necessarily read by the child yet), or exceptionally
     *     with an {@link java.io.IOException} if the child's end is closed (the child ended or closed its
     *     standard input) or the pipe was {@linkplain #close() closed}; later writes then fail the same way
     */
    CompletableFuture<Void> write(ByteBuffer src);

    /**
     * Closes the parent's end once the queued writes are done, so that the child reads end-of-file. Idempotent;
     * never blocks.
     *
     * @return completes when the pipe is closed
     */
    CompletableFuture<Void> close();
}
