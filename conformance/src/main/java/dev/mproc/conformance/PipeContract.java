package dev.mproc.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.Process;
import dev.mproc.pipe.BufferTooShortException;
import dev.mproc.pipe.Connection;
import dev.mproc.pipe.Pipe;
import dev.mproc.sync.Event;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link Pipe} and {@link Connection}, across real processes. As in Python, the parent closes
 * its copy of an end it gave a child, so that the child's close (or exit) is the end's last.
 */
public abstract class PipeContract extends BackendCombination {

    private static final int MIB = 1 << 20;

    // ---- messages ------------------------------------------------------------------------------------------

    @Test
    @DisplayName("a child serves requests over a duplex pipe: 'hello' comes back as 'HELLO'")
    void requestReply() throws Exception {
        Pipe pipe = context().pipe();
        Connection childEnd = pipe.right();
        Process<Integer> server = context().task(() -> {
            int served = 0;
            try {
                while (true) {
                    String request = (String) childEnd.recv();
                    childEnd.send(request.toUpperCase());
                    served++;
                }
            } catch (EOFException e) {
                return served;
            }
        }).start();
        childEnd.close();
        Connection parent = pipe.left();
        parent.send("hello");
        assertEquals("HELLO", parent.recv());
        parent.send("world");
        assertEquals("WORLD", parent.recv());
        parent.close();
        server.join();
        assertEquals(2, server.result(), "the child saw end of file after the two requests");
    }

    @Test
    @DisplayName("a child sends N items and closes; the parent receives exactly those N in order, then EOFException")
    void producerConsumerEndsWithEof() throws Exception {
        Pipe pipe = context().pipe(false);
        Connection writer = pipe.writer();
        int n = 500;
        Process<Void> producer = context().process(() -> {
            for (int i = 0; i < n; i++) {
                writer.send(i);
            }
            writer.close();
        }).start();
        writer.close();
        Connection reader = pipe.reader();
        List<Object> received = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            received.add(reader.recv());
        }
        assertEquals(IntStream.range(0, n).boxed().toList(), received);
        assertThrows(EOFException.class, reader::recv);
        assertThrows(EOFException.class, reader::recvBytes, "end of file stays");
        assertTrue(reader.poll(), "a receive at end of file would not wait");
        assertTrue(reader.isReadable() && !reader.isWritable(), "the directions outlive the peer");
        producer.join();
        assertEquals(0, producer.exitCode().getAsInt());
    }

    @Test
    @DisplayName("objects of any encodable kind arrive equal, null included, and share one stream with bytes")
    void objectsAndBytesShareOneStream() throws Exception {
        Pipe pipe = context().pipe();
        Connection childEnd = pipe.right();
        Process<Void> echo = context().process(() -> {
            try {
                while (true) {
                    childEnd.sendBytes(childEnd.recvBytes());
                }
            } catch (EOFException e) {
                childEnd.close();
            }
        }).start();
        childEnd.close();
        Connection parent = pipe.left();
        List<Object> values = Arrays.asList(List.of(1, 2.25), null, "héllo", Map.of("k", 7L), new int[] {1, 2, 3});
        for (Object v : values) {
            parent.send(v);
        }
        assertEquals(List.of(1, 2.25), parent.recv());
        assertNull(parent.recv());
        assertEquals("héllo", parent.recv());
        assertEquals(Map.of("k", 7L), parent.recv());
        assertArrayEquals(new int[] {1, 2, 3}, (int[]) parent.recv());
        parent.send("as bytes");
        byte[] encoded = parent.recvBytes();
        parent.sendBytes(encoded);
        assertEquals("as bytes", parent.recv(), "recv decodes whatever sent the message");
        parent.close();
        echo.join();
        assertEquals(0, echo.exitCode().getAsInt());
    }

    @Test
    @DisplayName("byte messages keep their boundaries both ways, from empty to 16 MiB")
    void byteMessagesKeepBoundaries() throws Exception {
        Pipe pipe = context().pipe();
        Connection childEnd = pipe.right();
        Process<Integer> echo = context().task(() -> {
            int count = 0;
            try {
                while (true) {
                    childEnd.sendBytes(childEnd.recvBytes());
                    count++;
                }
            } catch (EOFException e) {
                return count;
            }
        }).start();
        childEnd.close();
        Connection parent = pipe.left();
        int[] sizes = {0, 1, 3, 0, 0, 1000, 65_536, 16 * MIB, 0, 7, 2 * MIB + 1};
        for (int size : sizes) {
            parent.sendBytes(pattern(size));
        }
        for (int size : sizes) {
            byte[] back = parent.recvBytes();
            assertEquals(size, back.length, "one message per send, whole");
            assertArrayEquals(pattern(size), back);
        }
        assertFalse(parent.poll(), "nothing more than was sent");
        parent.close();
        echo.join();
        assertEquals(sizes.length, echo.result());
    }

    @Test
    @DisplayName("sendBytes with an offset and a length sends exactly that slice; bad bounds throw and send nothing")
    void sendBytesSlices() throws Exception {
        Pipe pipe = context().pipe(false);
        Connection writer = pipe.writer();
        Process<Integer> child = context().task(() -> {
            byte[] msg = "abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);
            writer.sendBytes(msg, 5, 21);
            writer.sendBytes(msg, 7, 8);
            writer.sendBytes(msg, 26, 0);
            int refused = 0;
            int[][] bad = {{27, 0}, {22, 5}, {26, 1}, {-1, 1}, {4, -1}};
            for (int[] b : bad) {
                try {
                    writer.sendBytes(msg, b[0], b[1]);
                } catch (IndexOutOfBoundsException e) {
                    refused++;
                }
            }
            writer.sendBytes("end".getBytes(StandardCharsets.US_ASCII));
            return refused;
        }).start();
        writer.close();
        Connection reader = pipe.reader();
        assertEquals("fghijklmnopqrstuvwxyz", ascii(reader.recvBytes()));
        assertEquals("hijklmno", ascii(reader.recvBytes()));
        assertEquals("", ascii(reader.recvBytes()));
        assertEquals("end", ascii(reader.recvBytes()), "the refused calls sent nothing");
        assertThrows(EOFException.class, reader::recvBytes);
        child.join();
        assertEquals(5, child.result());
    }

    @Test
    @DisplayName("recvBytesInto writes at an offset; a message too long throws BufferTooShortException holding it whole")
    void recvBytesInto() throws Exception {
        Pipe pipe = context().pipe(false);
        Connection writer = pipe.writer();
        Process<Void> child = context().process(() -> {
            writer.sendBytes(pattern(16));
            writer.sendBytes(pattern(16));
            writer.sendBytes(pattern(40));
            writer.sendBytes(pattern(3));
        }).start();
        writer.close();
        Connection reader = pipe.reader();
        byte[] buffer = new byte[40];
        assertEquals(16, reader.recvBytesInto(buffer, 0));
        assertArrayEquals(pattern(16), Arrays.copyOfRange(buffer, 0, 16));
        Arrays.fill(buffer, (byte) -1);
        assertEquals(16, reader.recvBytesInto(buffer, 12));
        assertArrayEquals(pattern(16), Arrays.copyOfRange(buffer, 12, 28));
        assertTrue(allEqual(buffer, 0, 12, (byte) -1) && allEqual(buffer, 28, 40, (byte) -1),
                "nothing outside the message was written");

        assertThrows(IndexOutOfBoundsException.class, () -> reader.recvBytesInto(buffer, 41));
        assertThrows(IndexOutOfBoundsException.class, () -> reader.recvBytesInto(buffer, -1));
        byte[] before = buffer.clone();
        BufferTooShortException tooShort = assertThrows(BufferTooShortException.class,
                () -> reader.recvBytesInto(buffer, 12));
        assertArrayEquals(pattern(40), tooShort.message(), "the exception carries the whole message");
        assertArrayEquals(before, buffer, "the buffer is unchanged");

        assertEquals(3, reader.recvBytesInto(buffer, 40 - 3), "the message was consumed; the next one fits");
        assertArrayEquals(pattern(3), Arrays.copyOfRange(buffer, 37, 40));
        child.join();
    }

    @Test
    @DisplayName("an end sent through another pipe works in the child that receives it, and its close counts there")
    void endPassedThroughAPipe() throws Exception {
        Pipe control = context().pipe(false);
        Connection orders = control.reader();
        Process<Void> child = context().process(() -> {
            Connection given = (Connection) orders.recv();
            given.send("via " + given.isWritable());
            given.close();
        }).start();
        orders.close();
        Pipe data = context().pipe(false);
        control.writer().send(data.writer());
        data.writer().close();
        Connection reader = data.reader();
        assertEquals("via true", reader.recv());
        assertThrows(EOFException.class, reader::recv, "the child's close was the last of the writer's handles");
        child.join();
        assertEquals(0, child.exitCode().getAsInt());
    }

    // ---- poll ----------------------------------------------------------------------------------------------

    @Test
    @DisplayName("poll(timeout) is false after the timeout with nothing pending, then true without consuming; an empty message counts")
    void pollNeverConsumes() throws Exception {
        Pipe pipe = context().pipe(false);
        Connection writer = pipe.writer();
        Event go = context().event();
        Process<Void> child = context().process(() -> {
            go.await();
            writer.send("x");
            writer.sendBytes(new byte[0]);
        }).start();
        writer.close();
        Connection reader = pipe.reader();
        assertFalse(reader.poll());
        assertFalse(reader.poll(Duration.ZERO));
        assertFalse(reader.poll(Duration.ofMillis(-5)));
        long t0 = System.nanoTime();
        assertFalse(reader.poll(Duration.ofMillis(200)));
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(200), "waited the whole timeout");
        go.set();
        assertTrue(reader.poll(Duration.ofSeconds(30)));
        assertTrue(reader.poll());
        assertTrue(reader.poll(Duration.ofMillis(100)));
        assertEquals("x", reader.recv());
        assertTrue(reader.poll(Duration.ofSeconds(30)), "an empty message is a message");
        assertTrue(reader.poll());
        assertEquals(0, reader.recvBytes().length);
        child.join();
        assertTrue(reader.poll(Duration.ofSeconds(30)), "then end of file: a receive would not wait");
        assertThrows(EOFException.class, reader::recv);
        assertThrows(NullPointerException.class, () -> reader.poll(null));
    }

    @Test
    @DisplayName("a child's poll(timeout) wakes when the parent sends, and consumes nothing")
    void childPollWakesWithoutConsuming() throws Exception {
        Pipe pipe = context().pipe(false);
        Connection reader = pipe.reader();
        Event polled = context().event();
        Process<String> child = context().task(() -> {
            boolean before = reader.poll(Duration.ofMillis(100));
            polled.set();
            boolean ready = reader.poll(Duration.ofSeconds(30));
            boolean still = reader.poll();
            Object first = reader.recv();
            Object second = reader.recv();
            return before + " " + ready + " " + still + " " + first + " " + second;
        }).start();
        reader.close();
        assertTrue(polled.await(Duration.ofSeconds(30)));
        Connection writer = pipe.writer();
        writer.send("one");
        writer.send("two");
        writer.close();
        child.join();
        assertEquals("false true true one two", child.result());
    }

    // ---- directions and closing ----------------------------------------------------------------------------

    @Test
    @DisplayName("a one-way pipe refuses the wrong direction, naming it, in the parent and in a child")
    void oneWayDirections() throws Exception {
        Pipe pipe = context().pipe(false);
        Connection reader = pipe.reader();
        Connection writer = pipe.writer();
        assertTrue(reader.isReadable());
        assertFalse(reader.isWritable());
        assertFalse(writer.isReadable());
        assertTrue(writer.isWritable());
        assertEquals(pipe.left(), reader);
        assertEquals(pipe.right(), writer);

        assertMessage("read-only", assertThrows(IllegalStateException.class, () -> reader.send(2)));
        assertMessage("read-only", assertThrows(IllegalStateException.class, () -> reader.sendBytes(new byte[1])));
        assertMessage("write-only", assertThrows(IllegalStateException.class, writer::recv));
        assertMessage("write-only", assertThrows(IllegalStateException.class, writer::recvBytes));
        assertMessage("write-only", assertThrows(IllegalStateException.class, writer::poll));
        assertMessage("write-only", assertThrows(IllegalStateException.class,
                () -> writer.poll(Duration.ofMillis(1))));

        Process<String> child = context().task(() -> {
            String seen;
            try {
                reader.send("wrong way");
                seen = "sent";
            } catch (IllegalStateException e) {
                seen = e.getMessage();
            }
            try {
                writer.recv();
                return seen + " / received";
            } catch (IllegalStateException e) {
                return seen + " / " + e.getMessage();
            }
        }).start();
        child.join();
        assertEquals("connection is read-only / connection is write-only", child.result());
        writer.send("still fine");
        assertEquals("still fine", reader.recv());
        pipe.close();
    }

    @Test
    @DisplayName("a closed handle refuses every operation; closing twice is harmless; Pipe.close closes both ends")
    void closedHandle() throws Exception {
        Pipe pipe = context().pipe();
        Connection a = pipe.left();
        Connection b = pipe.right();
        assertFalse(a.isClosed());
        pipe.close();
        assertTrue(a.isClosed());
        assertTrue(b.isClosed());
        a.close();
        assertMessage("closed", assertThrows(IllegalStateException.class, a::recv));
        assertMessage("closed", assertThrows(IllegalStateException.class, () -> a.send(1)));
        assertMessage("closed", assertThrows(IllegalStateException.class, a::poll));
        assertTrue(a.isReadable() && a.isWritable());
    }

    @Test
    @DisplayName("a send to a peer end closed in every process throws IOException in the parent")
    void sendToClosedPeer() throws Exception {
        Pipe pipe = context().pipe();
        Connection childEnd = pipe.right();
        Event closed = context().event();
        Process<Void> child = context().process(() -> {
            childEnd.close();
            closed.set();
        }).start();
        childEnd.close();
        assertTrue(closed.await(Duration.ofSeconds(30)));
        Connection parent = pipe.left();
        // A send does not wait for the owner: its failure may surface at the next call instead.
        assertThrows(IOException.class, () -> {
            parent.send(1);
            parent.poll();
            parent.send(2);
        });
        assertThrows(IOException.class, () -> parent.send(3), "every later send fails at once");
        assertThrows(EOFException.class, parent::recv, "and receiving sees end of file");
        child.join();
    }

    @Test
    @DisplayName("a send from a child to a peer end closed in every process throws IOException there too")
    void childSendToClosedPeer() throws Exception {
        Pipe pipe = context().pipe();
        Connection childEnd = pipe.right();
        Event closed = context().event();
        Process<String> child = context().task(() -> {
            closed.await();
            String first;
            try {
                // A send does not wait for the owner: its failure may surface at the next call instead.
                childEnd.send(1);
                childEnd.poll();
                childEnd.send(2);
                first = "sent";
            } catch (IOException e) {
                first = e.getClass().getSimpleName();
            }
            String again;
            try {
                childEnd.send(3);
                again = "sent";
            } catch (IOException e) {
                again = e.getClass().getSimpleName();
            }
            try {
                childEnd.recv();
                return first + " " + again + " received";
            } catch (EOFException e) {
                return first + " " + again + " EOF";
            }
        }).start();
        pipe.left().close();
        closed.set();
        child.join();
        assertEquals("IOException IOException EOF", child.result());
    }

    @Test
    @DisplayName("a killed child that held the other end counts as closed: the parent drains what it sent, then EOF")
    void killedPeerMeansEof() throws Exception {
        Pipe pipe = context().pipe(false);
        Connection writer = pipe.writer();
        Event sent = context().event();
        Event never = context().event();
        Process<Void> child = context().process(() -> {
            for (int i = 0; i < 3; i++) {
                writer.send("item " + i);
            }
            sent.set();
            never.await();
        }).start();
        writer.close();
        assertTrue(sent.await(Duration.ofSeconds(30)));
        child.kill();
        child.join();
        Connection reader = pipe.reader();
        assertEquals("item 0", reader.recv());
        assertEquals("item 1", reader.recv());
        assertEquals("item 2", reader.recv());
        assertThrows(EOFException.class, reader::recv);
    }

    @Test
    @DisplayName("an end stays open while another process holds it, whatever the parent closes meanwhile")
    void endOpenWhileAnyHolderHasIt() throws Exception {
        Pipe pipe = context().pipe(false);
        Connection writer = pipe.writer();
        Event go = context().event();
        Process<Void> child = context().process(() -> {
            go.await();
            writer.send("late");
        }).start();
        writer.close();
        Connection reader = pipe.reader();
        assertFalse(reader.poll(Duration.ofMillis(300)), "no end of file while the child holds the writer");
        go.set();
        assertEquals("late", reader.recv());
        assertThrows(EOFException.class, reader::recv, "the child's exit closed the last handle");
        child.join();
    }

    // ---- blocking and interruption -------------------------------------------------------------------------

    @Test
    @DisplayName("a sender blocks while the peer leaves a full buffer unread, and resumes as the peer reads")
    void senderBlocksOnFullBuffer() throws Exception {
        Pipe pipe = context().pipe(false);
        Connection reader = pipe.reader();
        Event go = context().event();
        int count = 128;
        int size = 64 * 1024;
        Process<Integer> consumer = context().task(() -> {
            go.await();
            int received = 0;
            try {
                while (true) {
                    if (reader.recvBytes().length == size) {
                        received++;
                    }
                }
            } catch (EOFException e) {
                return received;
            }
        }).start();
        reader.close();
        Connection writer = pipe.writer();
        AtomicInteger sent = new AtomicInteger();
        CompletableFuture<Throwable> done = new CompletableFuture<>();
        Thread sender = new Thread(() -> {
            try {
                for (int i = 0; i < count; i++) {
                    writer.sendBytes(new byte[size]);
                    sent.incrementAndGet();
                }
                writer.close();
                done.complete(null);
            } catch (Throwable t) {
                done.complete(t);
            }
        });
        sender.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sender.getState() != Thread.State.WAITING && !done.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertFalse(done.isDone(), "the sender did not get through 8 MiB the consumer does not read");
        assertTrue(sent.get() < count);
        go.set();
        assertNull(done.get(30, TimeUnit.SECONDS));
        consumer.join();
        assertEquals(count, consumer.result());
    }

    @Test
    @DisplayName("interrupting a blocked recv throws InterruptedException and loses no message")
    void interruptedRecvLosesNothing() throws Exception {
        Pipe pipe = context().pipe(false);
        Connection writer = pipe.writer();
        Event go = context().event();
        int n = 2000;
        Process<Void> producer = context().process(() -> {
            go.await();
            for (int i = 0; i < n; i++) {
                writer.send(i);
            }
        }).start();
        writer.close();
        // First a recv blocked on an empty pipe is interrupted, then interruptions race with a stream of messages.
        List<Object> received = receiveUnderInterrupts(pipe.reader(), go);
        assertEquals(IntStream.range(0, n).boxed().toList(), received, "every message once, in order");
        producer.join();
    }

    @Test
    @DisplayName("interrupting a blocked recv in a child loses no message either")
    void interruptedRecvInChildLosesNothing() throws Exception {
        Pipe pipe = context().pipe(false);
        Connection reader = pipe.reader();
        Event interrupted = context().event();
        int n = 2000;
        Process<List<Object>> consumer = context().task(() -> receiveUnderInterrupts(reader, interrupted)).start();
        reader.close();
        assertTrue(interrupted.await(Duration.ofSeconds(30)), "the child's receiver was interrupted while blocked");
        Connection writer = pipe.writer();
        for (int i = 0; i < n; i++) {
            writer.send(i);
        }
        writer.close();
        consumer.join();
        assertEquals(IntStream.range(0, n).boxed().toList(), consumer.result(), "every message once, in order");
    }

    /**
     * Receives until end of file on one thread while this one interrupts it over and over; sets the event once
     * the receiver has been interrupted on an empty pipe.
     */
    private static List<Object> receiveUnderInterrupts(Connection reader, Event firstInterrupted) throws Exception {
        List<Object> received = new ArrayList<>();
        AtomicInteger interruptions = new AtomicInteger();
        CompletableFuture<Throwable> done = new CompletableFuture<>();
        Thread receiver = new Thread(() -> {
            try {
                while (true) {
                    try {
                        received.add(reader.recv());
                    } catch (InterruptedException e) {
                        interruptions.incrementAndGet();
                    }
                }
            } catch (EOFException e) {
                done.complete(null);
            } catch (Throwable t) {
                done.complete(t);
            }
        });
        receiver.start();
        while (interruptions.get() == 0) {
            receiver.interrupt();
            Thread.sleep(1);
        }
        firstInterrupted.set();
        while (!done.isDone()) {
            receiver.interrupt();
            TimeUnit.MICROSECONDS.sleep(50);
        }
        Throwable failure = done.get();
        if (failure != null) {
            throw new AssertionError("the receiver failed", failure);
        }
        return received;
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static byte[] pattern(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + size);
        }
        return b;
    }

    private static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    private static boolean allEqual(byte[] b, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (b[i] != value) {
                return false;
            }
        }
        return true;
    }

    private static void assertMessage(String expected, Exception e) {
        assertTrue(e.getMessage() != null && e.getMessage().contains(expected),
                "message '" + e.getMessage() + "' should say '" + expected + "'");
        assertInstanceOf(IllegalStateException.class, e);
    }
}
