package dev.mproc.internal.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.spi.ControlListener;
import dev.mproc.spi.ControlPipes;
import dev.mproc.spi.Handshake;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.security.SecureRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The parent's session over control pipes, against a child side played in this JVM over two NIO pipes. */
class PipeControlSessionTest {

    private static final long TOKEN = 0x1234_5678_9abc_def0L;
    private static final int MAX_FRAME = 1 << 20;

    private final byte[] secret = new byte[32];
    private final Pipe down = open();
    private final Pipe up = open();
    private final Events events = new Events();

    PipeControlSessionTest() {
        new SecureRandom().nextBytes(secret);
    }

    private static Pipe open() {
        try {
            return Pipe.open();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private PipeControlSession startSession() {
        return PipeControlSession.start(new ControlPipes(up.source(), down.sink()), TOKEN, secret, MAX_FRAME,
                new SecureRandom(), events, "test");
    }

    private PipeControlLink childLink() {
        return new PipeControlLink(down.source(), Channels.newOutputStream(up.sink()), MAX_FRAME);
    }

    @Test
    @DisplayName("after the handshake, messages flow both ways in order, those sent before it included")
    void messagesBothWays() throws Exception {
        PipeControlSession session = startSession();
        session.send(new byte[] {1});
        PipeControlLink child = childLink();
        Handshake.authenticateChild(child, TOKEN, secret, "test parent");
        assertTrue(events.connected.await(10, TimeUnit.SECONDS));
        session.send(new byte[] {2, 2});
        byte[] big = new byte[200_000];
        big[199_999] = 7;
        session.send(big);
        assertArrayEquals(new byte[] {1}, child.receive());
        assertArrayEquals(new byte[] {2, 2}, child.receive());
        assertArrayEquals(big, child.receive());
        child.send(new byte[] {3});
        child.send(new byte[0]);
        assertArrayEquals(new byte[] {3}, events.messages.poll(10, TimeUnit.SECONDS));
        assertArrayEquals(new byte[0], events.messages.poll(10, TimeUnit.SECONDS));
        child.close();
        assertTrue(events.disconnected.await(10, TimeUnit.SECONDS));
        assertNull(events.cause, "an orderly end has no cause");
        session.close();
    }

    @Test
    @DisplayName("a child with a wrong secret learns nothing and is never reported connected")
    void wrongSecret() throws Exception {
        startSession();
        PipeControlLink child = childLink();
        byte[] wrong = secret.clone();
        wrong[0] ^= 1;
        IOException refused = assertThrows(IOException.class,
                () -> Handshake.authenticateChild(child, TOKEN, wrong, "test parent"));
        assertTrue(refused instanceof java.io.EOFException, "the parent closes without a proof: " + refused);
        // The parent closes its ends only after deciding against the child, so by now it has decided for good.
        assertEquals(1, events.connected.getCount(), "never reported connected");
    }

    @Test
    @DisplayName("a frame longer than the limit cuts the child off, with the reason, and nothing is delivered")
    void oversizedFrame() throws Exception {
        startSession();
        PipeControlLink child = childLink();
        Handshake.authenticateChild(child, TOKEN, secret, "test parent");
        assertTrue(events.connected.await(10, TimeUnit.SECONDS));
        up.sink().write(ByteBuffer.allocate(4).putInt(0, MAX_FRAME + 1));
        assertTrue(events.disconnected.await(10, TimeUnit.SECONDS));
        assertTrue(events.cause.getMessage().contains("malformed frame"), events.cause.getMessage());
        assertTrue(events.messages.isEmpty());
    }

    @Test
    @DisplayName("close wakes the reader and the child sees end-of-file")
    void closeEndsBoth() throws Exception {
        PipeControlSession session = startSession();
        PipeControlLink child = childLink();
        Handshake.authenticateChild(child, TOKEN, secret, "test parent");
        assertTrue(events.connected.await(10, TimeUnit.SECONDS));
        session.close();
        assertTrue(events.disconnected.await(10, TimeUnit.SECONDS));
        assertThrows(java.io.EOFException.class, child::receive);
        assertEquals(1, events.disconnects);
    }

    private static final class Events implements ControlListener {
        final CountDownLatch connected = new CountDownLatch(1);
        final CountDownLatch disconnected = new CountDownLatch(1);
        final BlockingQueue<byte[]> messages = new LinkedBlockingQueue<>();
        volatile Throwable cause;
        volatile int disconnects;

        @Override
        public void onConnected() {
            connected.countDown();
        }

        @Override
        public void onMessage(byte[] message) {
            messages.add(message);
        }

        @Override
        public void onDisconnected(Throwable why) {
            cause = why;
            disconnects++;
            disconnected.countDown();
        }
    }
}
