package dev.mproc.ipc.shm.internal.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.ipc.shm.internal.Region;
import dev.mproc.ipc.shm.internal.Segment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The record ring on its own, in this process: layout at the wrap, spilling, capacities. */
@Timeout(60)
class RingTest {

    private static final int SMALL = 4096;

    private static Ring ring(int bufferBytes, int itemCapacity) {
        Segment s = Segment.create(Segment.Kind.RING, Ring.size(bufferBytes));
        Ring.format(s.data(), 0, bufferBytes, itemCapacity, false);
        return new Ring(s.data(), 0, s.owner());
    }

    private static byte[] pattern(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    private static boolean put(Ring r, byte[] b) throws InterruptedException {
        return r.put(b, 0, b.length, System.nanoTime(), () -> false, () -> false);
    }

    private static long tail(Ring r) {
        return r.region().getLongVolatile(r.base() + Ring.TAIL);
    }

    @Test
    @DisplayName("records of random sizes wrap around a small buffer many times, whole and in order")
    void wrapAround() throws Exception {
        Ring r = ring(SMALL, Integer.MAX_VALUE);
        Random random = new Random(7);
        Deque<byte[]> expected = new ArrayDeque<>();
        int seed = 0;
        while (tail(r) < 50L * SMALL) {
            // Fill until full, then drain part of it, so head and tail chase each other across the wrap.
            byte[] b = pattern(random.nextInt(r.largestInline() + 1), seed++);
            if (put(r, b)) {
                expected.add(b);
            } else {
                for (int i = random.nextInt(expected.size()) + 1; i > 0; i--) {
                    assertArrayEquals(expected.poll(), r.poll());
                }
            }
        }
        while (!expected.isEmpty()) {
            assertArrayEquals(expected.poll(), r.poll());
        }
        assertNull(r.poll());
        assertEquals(0, r.size());
    }

    @Test
    @DisplayName("a record that ends exactly at the end of the buffer needs no padding; the next starts at 0")
    void recordEndingAtTheBoundary() throws Exception {
        Ring r = ring(SMALL, Integer.MAX_VALUE);
        int len = SMALL / 4 - Ring.RECORD_HEADER; // each record takes exactly a quarter of the buffer
        for (int i = 0; i < 4; i++) {
            assertTrue(put(r, pattern(len, i)));
        }
        assertEquals(SMALL, tail(r), "four records fill the buffer exactly, without a pad");
        assertFalse(put(r, pattern(0, 9)), "full: not even an empty record fits");
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(pattern(len, i), r.poll());
        }
        assertTrue(put(r, pattern(5, 4)));
        assertEquals(SMALL + 16, tail(r), "the next record starts at offset 0");
        assertArrayEquals(pattern(5, 4), r.poll());
    }

    @Test
    @DisplayName("a record that does not fit before the end gets a pad, down to a header-only pad")
    void padAtTheBoundary() throws Exception {
        Ring r = ring(SMALL, Integer.MAX_VALUE);
        int quarter = SMALL / 4 - Ring.RECORD_HEADER;
        for (int i = 0; i < 3; i++) {
            assertTrue(put(r, pattern(quarter, i)));
        }
        assertTrue(put(r, pattern(quarter - 8, 3)));
        assertEquals(SMALL - 8, tail(r), "eight bytes left before the end: room for a header only");
        for (int i = 0; i < 4; i++) {
            r.poll();
        }
        assertTrue(put(r, pattern(8, 4)));
        Region region = r.region();
        int pad = r.base() + Ring.HEADER + SMALL - 8;
        assertEquals(Ring.PAD, region.getInt(pad + Ring.RECORD_TYPE));
        assertEquals(0, region.getInt(pad + Ring.RECORD_LENGTH));
        assertEquals(SMALL - 8 + 8 + 16, tail(r), "pad and record committed together");
        assertArrayEquals(pattern(8, 4), r.poll());
        assertNull(r.poll());
    }

    @Test
    @DisplayName("messages far larger than the ring are spilled and arrive intact; the spill files are removed")
    void largerThanTheRing() throws Exception {
        Ring r = ring(SMALL, Integer.MAX_VALUE);
        byte[] big = new byte[40 << 20];
        new Random(42).nextBytes(big);
        byte[] medium = pattern(r.largestInline() + 1, 3);
        assertTrue(put(r, pattern(10, 1)));
        assertTrue(r.put(big, 1, big.length - 1, Long.MAX_VALUE, () -> false, () -> false));
        assertTrue(put(r, pattern(20, 2)));
        assertArrayEquals(pattern(10, 1), r.poll());
        byte[] back = r.poll();
        assertEquals(big.length - 1, back.length);
        for (int i = 0; i < back.length; i++) {
            if (back[i] != big[i + 1]) {
                throw new AssertionError("byte " + i + " differs");
            }
        }
        assertArrayEquals(pattern(20, 2), r.poll());
        assertTrue(put(r, medium), "the smallest message that is spilled");
        assertArrayEquals(medium, r.poll());
        Region region = r.region();
        assertEquals(region.getLong(r.base() + Ring.SPILL_OUT), region.getLong(r.base() + Ring.SPILL_IN));
    }

    @Test
    @DisplayName("spilled bytes beyond the budget make a producer wait, but one message alone always passes")
    void spillBudget() throws Exception {
        Ring r = ring(SMALL, Integer.MAX_VALUE);
        byte[] chunk = pattern((int) (Ring.SPILL_BUDGET / 2), 1);
        assertTrue(put(r, pattern((int) Ring.SPILL_BUDGET * 2, 0)), "alone, larger than the budget");
        assertFalse(put(r, chunk), "the budget is used up");
        r.poll();
        assertTrue(put(r, chunk));
        assertTrue(put(r, chunk));
        assertFalse(put(r, chunk));
    }

    @Test
    @DisplayName("a bounded ring counts items, whatever their bytes")
    void itemCapacity() throws Exception {
        Ring r = ring(1 << 16, 3);
        for (int i = 0; i < 3; i++) {
            assertTrue(put(r, pattern(1, i)));
        }
        assertFalse(put(r, pattern(0, 0)), "three items, though the bytes have room");
        assertEquals(3, r.size());
        long start = System.nanoTime();
        assertFalse(r.put(pattern(1, 3), 0, 1, start + 50_000_000L, () -> false, () -> false));
        assertTrue(System.nanoTime() - start >= 50_000_000L, "waited for the timeout");
        r.poll();
        assertTrue(put(r, pattern(1, 3)));
        assertEquals(3, r.size());
    }

    @Test
    @DisplayName("a run commits as many records as fit at once, across the wrap; a spilled one goes alone")
    void runs() throws Exception {
        Ring r = ring(SMALL, Integer.MAX_VALUE);
        assertTrue(put(r, pattern(SMALL / 2, 99)));
        assertArrayEquals(pattern(SMALL / 2, 99), r.poll()); // head and tail now half-way: the run must wrap
        List<byte[]> run = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            run.add(pattern(100 + i, i));
        }
        run.add(20, pattern(r.largestInline() + 1, 77)); // too large for the ring: spilled, alone
        Deque<byte[]> expected = new ArrayDeque<>(run);
        int from = 0;
        while (from < run.size()) {
            long putBefore = r.size();
            int n = r.putRun(run, from, System.nanoTime(), () -> false, () -> false);
            assertTrue(n > 0, "at least the first fits into a drained ring");
            assertEquals(putBefore + n, r.size(), "all " + n + " committed together");
            if (from < 20) {
                assertTrue(from + n <= 20, "a run stops before the spilled message");
            }
            from += n;
            if (from == 20) {
                assertEquals(1, r.putRun(run, from, System.nanoTime(), () -> false, () -> false));
                from++;
            }
            for (byte[] m = r.poll(); m != null; m = r.poll()) {
                assertArrayEquals(expected.poll(), m);
            }
        }
        assertTrue(expected.isEmpty());
        assertEquals(0, r.putRun(List.of(pattern(SMALL / 2, 1), pattern(SMALL / 2, 2)), 1, System.nanoTime(),
                () -> true, () -> false), "a stop condition that holds puts nothing");
    }
}
