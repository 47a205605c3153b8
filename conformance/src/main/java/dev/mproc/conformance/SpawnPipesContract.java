package dev.mproc.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.StreamTarget;
import dev.mproc.spi.ExitStatus;
import dev.mproc.spi.LaunchSpec;
import dev.mproc.spi.SpawnBackend;
import dev.mproc.spi.SpawnedProcess;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every spawn backend's piped streams do, tested through the SPI rather than through a context: a backend
 * author extends this with the backend under test, adds its own cases, and uses {@link Chunks} to read pipes.
 */
public abstract class SpawnPipesContract {

    /** @return the backend under test, open for the test's duration */
    protected abstract SpawnBackend backend();

    /**
     * @param code the exit code of a child that exited normally
     * @return the status this backend reports for it: exact where it reads wait statuses, else ambiguous
     */
    protected abstract ExitStatus exited(int code);

    /** Collects a pipe's chunks, requesting only as many as the test asks for. */
    public static final class Chunks implements Flow.Subscriber<ByteBuffer> {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        /** Completes when the stream ends, exceptionally when it fails. */
        public final CompletableFuture<Void> done = new CompletableFuture<>();
        /** Completes with the first chunk. */
        public final CompletableFuture<Void> first = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;
        private volatile int chunks;

        /** Creates a collector that requests nothing until told. */
        public Chunks() {
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
        }

        @Override
        public synchronized void onNext(ByteBuffer chunk) {
            byte[] b = new byte[chunk.remaining()];
            chunk.get(b);
            bytes.write(b, 0, b.length);
            chunks++;
            first.complete(null);
        }

        @Override
        public void onError(Throwable t) {
            done.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }

        /** @param n how many more chunks to ask for */
        public void request(long n) {
            subscription.request(n);
        }

        /** @return how many chunks arrived */
        public int chunks() {
            return chunks;
        }

        /** @return how many bytes arrived */
        public synchronized int size() {
            return bytes.size();
        }

        /** @return the bytes so far */
        public synchronized byte[] bytes() {
            return bytes.toByteArray();
        }

        /** @return the bytes so far as UTF-8 text */
        public synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    @DisplayName("a piped stdout is read only as far as the subscriber asks: one chunk, then the child blocks")
    void readsOnDemand() throws Exception {
        SpawnedProcess p = backend().spawn(LaunchSpec.builder(List.of("head", "-c", "1000000", "/dev/zero"))
                .stdout(StreamTarget.pipe()).build());
        Chunks c = new Chunks();
        p.stdout().orElseThrow().subscribe(c);
        c.request(1);
        c.first.get(30, TimeUnit.SECONDS);
        awaitBlockedWritingToPipe(p.pid());
        assertEquals(1, c.chunks(), "one chunk asked for, one delivered, and the child blocks on the full pipe");
        assertTrue(p.isAlive());
        c.request(Long.MAX_VALUE);
        c.done.get(30, TimeUnit.SECONDS);
        assertEquals(1_000_000, c.size());
        assertEquals(exited(0), p.onExit().get(30, TimeUnit.SECONDS));
    }

    /**
     * Waits until a process blocks in a write to a full pipe, as the kernel reports in {@code /proc/<pid>/wchan}.
     *
     * @param pid the process
     * @throws Exception if it never blocks within 30 s, or on interruption
     */
    protected static void awaitBlockedWritingToPipe(long pid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.readString(Path.of("/proc", Long.toString(pid), "wchan")).contains("pipe_write")) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(5); // another process's state: nothing to wait on but /proc
        }
        throw new AssertionError("process " + pid + " never blocked writing to its pipe");
    }
}
