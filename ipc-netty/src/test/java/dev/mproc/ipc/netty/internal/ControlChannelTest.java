package dev.mproc.ipc.netty.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.internal.codec.DefaultCodec;
import dev.mproc.spi.ControlLink;
import dev.mproc.spi.ControlListener;
import dev.mproc.spi.ControlServer;
import dev.mproc.spi.ControlSession;
import dev.mproc.spi.IpcSettings;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ControlChannelTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WRONG = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_FRAME = 64 * 1024;

    @TempDir
    Path dir;
    private NettyIpcBackend backend;
    private ControlServer server;
    private final BlockingQueue<String> logged = new LinkedBlockingQueue<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(java.text.MessageFormat.format(r.getMessage(), r.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** Records what the server tells one child's listener. */
    static final class Recorder implements ControlListener {
        final CountDownLatch connected = new CountDownLatch(1);
        final CountDownLatch disconnected = new CountDownLatch(1);
        final BlockingQueue<byte[]> messages = new LinkedBlockingQueue<>();
        volatile Throwable cause;

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
            disconnected.countDown();
        }
    }

    @BeforeEach
    void start() throws IOException {
        Path runtime = Files.createDirectory(dir.resolve("rt"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        backend = new NettyIpcBackend(new IpcSettings(SECRET, DefaultCodec.standard(), MAX_FRAME, runtime));
        server = backend.controlServer();
        Logger.getLogger("dev.mproc.ipc.netty.control").addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("dev.mproc.ipc.netty.control").removeHandler(capture);
        backend.close();
    }

    private ControlLink connect(long token, byte[] secret) throws IOException {
        return new SocketChildConnector().connect(server.address(), token, secret, Duration.ofSeconds(10), MAX_FRAME);
    }

    @Test
    @DisplayName("the socket file is private to the user")
    void socketIsPrivate() throws IOException {
        assertTrue(server.address().startsWith("unix:"), server.address());
        Path socket = Path.of(server.address().substring("unix:".length()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
    }

    @Test
    @DisplayName("an authenticated child and its parent exchange messages both ways, in order, boundaries kept")
    void authenticatedExchange() throws Exception {
        Recorder rec = new Recorder();
        ControlSession session = server.expect(42L, rec);
        session.send(new byte[] {1, 2, 3}); // queued until the child connects
        try (ControlLink link = connect(42L, SECRET)) {
            assertTrue(rec.connected.await(10, TimeUnit.SECONDS));
            assertArrayEquals(new byte[] {1, 2, 3}, link.receive());
            session.send(new byte[0]);
            session.send(new byte[] {9});
            assertArrayEquals(new byte[0], link.receive());
            assertArrayEquals(new byte[] {9}, link.receive());
            link.send("hello".getBytes(StandardCharsets.UTF_8));
            link.send(new byte[MAX_FRAME]);
            assertEquals("hello", new String(rec.messages.take(), StandardCharsets.UTF_8));
            assertEquals(MAX_FRAME, rec.messages.take().length, "a frame of exactly the limit passes");
        }
        assertTrue(rec.disconnected.await(10, TimeUnit.SECONDS));
        assertNull(rec.cause);
    }

    @Test
    @DisplayName("a peer with the wrong secret is closed and logged, receives nothing but the challenge, and the "
            + "registration stays for the real child")
    void wrongSecretIsRejected() throws Exception {
        Recorder rec = new Recorder();
        server.expect(7L, rec);
        IOException e = assertThrows(IOException.class, () -> connect(7L, WRONG));
        assertTrue(e.getMessage().contains("closed") || e instanceof java.io.EOFException, e.toString());
        assertEquals(1, rec.connected.getCount(), "the listener never heard of the impostor");
        String log = logged.poll(10, TimeUnit.SECONDS);
        assertTrue(log != null && log.contains("authentication failed"), String.valueOf(log));
        try (ControlLink link = connect(7L, SECRET)) {
            assertTrue(rec.connected.await(10, TimeUnit.SECONDS));
            link.send(new byte[] {1});
            assertArrayEquals(new byte[] {1}, rec.messages.take());
        }
    }

    @Test
    @DisplayName("a raw peer that sends a wrong proof reads exactly the challenge frame, then end-of-file")
    void rejectedPeerReadsOnlyTheChallenge() throws Exception {
        server.expect(8L, new Recorder());
        try (SocketChannel raw = rawConnect()) {
            ByteBuffer challenge = readFrame(raw);
            assertEquals(32, challenge.remaining());
            ByteBuffer response = ByteBuffer.allocate(4 + 56).putInt(56).putLong(8L).put(new byte[48]).flip();
            raw.write(response);
            assertEquals(-1, raw.read(ByteBuffer.allocate(1)), "nothing after the challenge");
        }
    }

    @Test
    @DisplayName("a second connection with an already used token is refused")
    void tokenIsSingleUse() throws Exception {
        Recorder rec = new Recorder();
        server.expect(9L, rec);
        try (ControlLink first = connect(9L, SECRET)) {
            assertThrows(IOException.class, () -> connect(9L, SECRET));
            first.send(new byte[] {5});
            assertArrayEquals(new byte[] {5}, rec.messages.take(), "the first connection is unharmed");
        }
    }

    @Test
    @DisplayName("an oversized or garbage frame closes only that connection; others go on")
    void oversizedFrameClosesOnlyItsConnection() throws Exception {
        Recorder good = new Recorder();
        server.expect(10L, good);
        Recorder victim = new Recorder();
        server.expect(11L, victim);
        try (ControlLink ok = connect(10L, SECRET); ControlLink bad = connect(11L, SECRET)) {
            // Hand-made header: a frame of 1 GiB, far over the limit.
            SocketControlLinkProbe.writeRawHeader(bad, 1 << 30);
            assertTrue(victim.disconnected.await(10, TimeUnit.SECONDS));
            assertTrue(victim.cause != null, "the disconnect carries the reason");
            ok.send(new byte[] {1});
            assertArrayEquals(new byte[] {1}, good.messages.take());
            assertFalse(good.disconnected.getCount() == 0);
        }
        try (SocketChannel raw = rawConnect()) {
            readFrame(raw);
            raw.write(ByteBuffer.wrap(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3}));
            assertEquals(-1, raw.read(ByteBuffer.allocate(64)), "garbage before authentication is dropped");
        }
    }

    private SocketChannel rawConnect() throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(server.address().substring("unix:".length())));
        return ch;
    }

    private static ByteBuffer readFrame(SocketChannel ch) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(4);
        while (header.hasRemaining()) {
            if (ch.read(header) < 0) {
                throw new java.io.EOFException();
            }
        }
        ByteBuffer body = ByteBuffer.allocate(header.getInt(0));
        while (body.hasRemaining()) {
            if (ch.read(body) < 0) {
                throw new java.io.EOFException();
            }
        }
        return body.flip();
    }
}
