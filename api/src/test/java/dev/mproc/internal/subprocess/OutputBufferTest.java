package dev.mproc.internal.subprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.spi.ExitStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OutputBufferTest {

    private static final int CHUNK = 64 * 1024;

    /** A publisher driven by the test: it records demand, and the test delivers chunks by hand. */
    private static final class ManualSubscription implements Flow.Subscription {
        long demand;
        boolean cancelled;

        @Override
        public void request(long n) {
            demand += n;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private static ManualSubscription subscribed(OutputBuffer buffer) {
        ManualSubscription s = new ManualSubscription();
        buffer.onSubscribe(s);
        return s;
    }

    /** Delivers chunks for as long as the buffer asks, at most {@code max}; returns how many it took. */
    private static int deliver(OutputBuffer buffer, ManualSubscription s, int max) {
        int n = 0;
        while (s.demand > 0 && n < max) {
            s.demand--;
            buffer.onNext(ByteBuffer.wrap(new byte[CHUNK]));
            n++;
        }
        return n;
    }

    @Test
    @DisplayName("output nobody streams is requested chunk after chunk, without limit")
    void unpacedReadsEverything() throws IOException {
        OutputBuffer buffer = new OutputBuffer("stdout of test");
        ManualSubscription s = subscribed(buffer);
        assertEquals(1, s.demand);
        assertEquals(100, deliver(buffer, s, 100));
        assertEquals(1, s.demand, "still asking after 6.25 MiB");
        buffer.onComplete();
        assertEquals(100 * CHUNK, buffer.takeAll(true).length);
    }

    @Test
    @DisplayName("a streamed output stops asking at 1 MiB unread, asks again as the consumer reads, and unlimit "
            + "lifts the pacing")
    void pacedStopsAtTheLimit() throws IOException {
        OutputBuffer buffer = new OutputBuffer("stdout of test");
        ManualSubscription s = subscribed(buffer);
        InputStream in = buffer.stream();
        int taken = deliver(buffer, s, 1000);
        assertEquals(OutputBuffer.PACED_LIMIT / CHUNK, taken);
        assertEquals(0, s.demand);
        assertTrue(buffer.isHeldBack());
        assertEquals(CHUNK, in.readNBytes(CHUNK).length);
        assertEquals(1, s.demand, "room again: one more chunk");
        assertEquals(1, deliver(buffer, s, 1000));
        assertEquals(0, s.demand);
        buffer.unlimit();
        assertEquals(1, s.demand);
        assertEquals(50, deliver(buffer, s, 50));
        assertFalse(buffer.isHeldBack());
    }

    @Test
    @DisplayName("the stream gives the bytes in order, then the read error after the bytes, or end-of-file")
    void readsInOrderThenEndOrError() throws IOException {
        OutputBuffer ok = new OutputBuffer("stdout of test");
        subscribed(ok);
        ok.onNext(ByteBuffer.wrap(new byte[] {1, 2}));
        ok.onNext(ByteBuffer.wrap(new byte[] {3}));
        ok.onComplete();
        assertArrayEquals(new byte[] {1, 2, 3}, ok.stream().readAllBytes());
        assertEquals(-1, ok.stream().read());

        OutputBuffer failing = new OutputBuffer("stderr of test");
        subscribed(failing);
        failing.onNext(ByteBuffer.wrap(new byte[] {7}));
        failing.onError(new IOException("disk on fire"));
        assertEquals(7, failing.stream().read());
        assertEquals("disk on fire", assertThrows(IOException.class, () -> failing.stream().read()).getMessage());
        assertThrows(IOException.class, () -> failing.takeAll(true));
    }

    @Test
    @DisplayName("closing cancels the subscription and drops what was buffered; later chunks are ignored")
    void closeCancels() throws InterruptedException {
        OutputBuffer buffer = new OutputBuffer("stdout of test");
        ManualSubscription s = subscribed(buffer);
        deliver(buffer, s, 3);
        InputStream in = buffer.stream();
        buffer.close();
        assertTrue(s.cancelled);
        assertTrue(buffer.awaitEnd(Deadlines.NONE));
        assertThrows(IOException.class, in::read);
        buffer.onNext(ByteBuffer.wrap(new byte[1]));
        assertFalse(buffer.isHeldBack());
    }

    @Test
    @DisplayName("awaitEnd gives up at its deadline")
    void awaitEndTimesOut() throws InterruptedException {
        OutputBuffer buffer = new OutputBuffer("stdout of test");
        subscribed(buffer);
        assertFalse(buffer.awaitEnd(System.nanoTime()));
        buffer.onComplete();
        assertTrue(buffer.awaitEnd(System.nanoTime()));
    }

    @Test
    @DisplayName("128 + n means signal n only when this parent sent n; exact statuses pass through")
    void exitCodeInterpretation() {
        long sentKill = 1L << 9;
        assertEquals(-9, RunningSubprocess.interpret(ExitStatus.ambiguous(137), sentKill));
        assertEquals(143, RunningSubprocess.interpret(ExitStatus.ambiguous(143), sentKill));
        assertEquals(137, RunningSubprocess.interpret(ExitStatus.ambiguous(137), 0));
        assertEquals(3, RunningSubprocess.interpret(ExitStatus.ambiguous(3), sentKill));
        assertEquals(-15, RunningSubprocess.interpret(ExitStatus.signaled(15), 0));
        assertEquals(137, RunningSubprocess.interpret(ExitStatus.exited(137), sentKill));
    }
}
