package dev.mproc.internal.subprocess;

import dev.mproc.spi.StdinPipe;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A subprocess's piped standard input as a blocking {@link OutputStream}: each write waits until the backend
 * has put the bytes into the pipe.
 */
final class StdinStream extends OutputStream {

    private final StdinPipe pipe;
    private final String name;

    StdinStream(StdinPipe pipe, String name) {
        this.pipe = pipe;
        this.name = name;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return;
        }
        await(pipe.write(ByteBuffer.wrap(Arrays.copyOfRange(b, off, off + len))));
    }

    @Override
    public void close() throws IOException {
        await(pipe.close());
    }

    private void await(CompletableFuture<Void> done) throws IOException {
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing to the " + name
                    + "; the bytes may still be written");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? new IOException("writing to the " + name + " failed: "
                    + io.getMessage(), io) : new IOException("writing to the " + name + " failed: " + cause, cause);
        }
    }
}
