package dev.mproc.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.Process;
import dev.mproc.shared.ByteArray;
import dev.mproc.shared.DoubleArray;
import dev.mproc.shared.DoubleValue;
import dev.mproc.shared.IntArray;
import dev.mproc.shared.IntValue;
import dev.mproc.shared.LongArray;
import dev.mproc.shared.LongValue;
import dev.mproc.sync.Held;
import dev.mproc.sync.RLock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The contract of shared values and arrays, across real processes. */
// A Held exists to be closed by try-with-resources; its body never needs to name it.
@SuppressWarnings("try")
public abstract class ValueContract extends BackendCombination {

    @Test
    @DisplayName("two children each doing increments (read, then set) under the value's own lock reach the exact total")
    void incrementsUnderTheValuesLock() throws Exception {
        IntValue counter = context().intValue(0);
        RLock lock = counter.lock().orElseThrow();
        int n = 300;
        Process<Void> a = context().process(() -> addUnderLock(counter, n)).start();
        Process<Void> b = context().process(() -> addUnderLock(counter, n)).start();
        a.join();
        b.join();
        assertEquals(0, a.exitCode().getAsInt());
        assertEquals(0, b.exitCode().getAsInt());
        assertEquals(2 * n, counter.get());
        assertFalse(lock.isLocked());
    }

    private static void addUnderLock(IntValue counter, int times) throws InterruptedException {
        RLock lock = counter.lock().orElseThrow();
        for (int i = 0; i < times; i++) {
            try (Held held = lock.hold()) {
                counter.set(counter.get() + 1);
            }
        }
    }

    @Test
    @DisplayName("atomic increments from two children of a lock-free value never lose an update")
    void lockFreeIncrements() throws Exception {
        LongValue counter = context().longValue(0, false);
        assertTrue(counter.lock().isEmpty());
        int n = 500;
        Process<Void> a = context().process(() -> {
            for (int i = 0; i < n; i++) {
                counter.incrementAndGet();
            }
        }).start();
        Process<Void> b = context().process(() -> {
            for (int i = 0; i < n; i++) {
                counter.getAndAdd(2);
            }
        }).start();
        a.join();
        b.join();
        assertEquals(3L * n, counter.get());
    }

    @Test
    @DisplayName("get, set, getAndSet, getAndAdd and compareAndSet from a child are seen by the parent")
    void operationsFromAChild() throws Exception {
        IntValue i = context().intValue(4343);
        LongValue l = context().longValue(1L << 33, false);
        DoubleValue d = context().doubleValue(3.625);
        Process<String> child = context().task(() -> {
            StringBuilder seen = new StringBuilder();
            seen.append(i.get()).append(' ').append(l.get()).append(' ').append(d.get());
            i.set(24234);
            seen.append(' ').append(l.getAndSet(1L << 34));
            seen.append(' ').append(d.getAndAdd(-7.875));
            seen.append(' ').append(i.compareAndSet(1, 2)).append(' ').append(i.compareAndSet(24234, 24235));
            seen.append(' ').append(i.getAndAdd(Integer.MAX_VALUE));
            return seen.toString();
        }).start();
        child.join();
        assertEquals("4343 8589934592 3.625 8589934592 3.625 false true 24235", child.result());
        assertEquals(24235 + Integer.MAX_VALUE, i.get(), "int arithmetic wraps around");
        assertEquals(1L << 34, l.get());
        assertEquals(-4.25, d.get());
        assertEquals(-4.25 + 1.5, d.addAndGet(1.5));
        assertEquals(7, l.updateAndGet(x -> 7));
    }

    @Test
    @DisplayName("a double value compares bit patterns: 0.0 and -0.0 differ, NaN matches itself")
    void doubleCompareAndSetUsesBits() throws Exception {
        DoubleValue d = context().doubleValue(0.0, false);
        assertFalse(d.compareAndSet(-0.0, 1.0));
        assertTrue(d.compareAndSet(0.0, Double.NaN));
        assertTrue(d.compareAndSet(Double.NaN, 2.0));
        assertEquals(2.0, d.get());
    }

    @Test
    @DisplayName("while a process holds a value's lock, another process's access waits for its release")
    void accessWaitsForTheLock() throws Exception {
        IntValue v = context().intValue(1);
        RLock lock = v.lock().orElseThrow();
        lock.acquire();
        v.set(2);
        Process<Integer> child = context().task(() -> v.getAndAdd(10)).start();
        assertFalse(child.join(Duration.ofMillis(500)), "the child's access waits while the parent holds the lock");
        assertEquals(2, v.get(), "the holder itself is not held back by its own lock");
        v.set(5);
        lock.release();
        child.join();
        assertEquals(5, child.result());
        assertEquals(15, v.get());
    }

    @Test
    @DisplayName("arrays start zeroed; elements and ranges written by a child are read by the parent")
    void arraysAcrossProcesses() throws Exception {
        IntArray ints = context().intArray(10);
        LongArray longs = context().longArray(4, false);
        DoubleArray doubles = context().doubleArray(3);
        ByteArray bytes = context().byteArray(20, false);
        assertArrayEquals(new int[10], ints.toArray());
        assertTrue(ints.lock().isPresent());
        assertTrue(bytes.lock().isEmpty());
        ints.copyFrom(0, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 0, 10);
        Process<Void> child = context().process(() -> {
            // Python's prefix-sum example, in place.
            for (int i = 1; i < ints.length(); i++) {
                ints.set(i, ints.get(i) + ints.get(i - 1));
            }
            longs.set(3, Long.MIN_VALUE);
            doubles.copyFrom(1, new double[] {9.0, 1.5, -2.25}, 1, 2);
            byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
            bytes.copyFrom(0, hello, 0, hello.length);
            bytes.copyFrom(5, hello, 0, hello.length);
        }).start();
        child.join();
        assertEquals(0, child.exitCode().getAsInt());
        assertArrayEquals(new int[] {0, 1, 3, 6, 10, 15, 21, 28, 36, 45}, ints.toArray());
        int[] middle = new int[7];
        ints.copyTo(2, middle, 1, 5);
        assertArrayEquals(new int[] {0, 3, 6, 10, 15, 21, 0}, middle);
        assertArrayEquals(new long[] {0, 0, 0, Long.MIN_VALUE}, longs.toArray());
        assertArrayEquals(new double[] {0.0, 1.5, -2.25}, doubles.toArray());
        assertEquals("hellohello", new String(Arrays.copyOf(bytes.toArray(), 10),
                StandardCharsets.US_ASCII));
        assertEquals((byte) 'e', bytes.get(1));
    }

    @Test
    @DisplayName("an index or range outside the array throws IndexOutOfBoundsException and changes nothing")
    void arrayBounds() throws Exception {
        IntArray ints = context().intArray(3);
        assertThrows(IndexOutOfBoundsException.class, () -> ints.get(3));
        assertThrows(IndexOutOfBoundsException.class, () -> ints.get(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> ints.set(3, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> ints.copyFrom(1, new int[] {1, 2, 3}, 0, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> ints.copyTo(0, new int[2], 0, 3));
        assertArrayEquals(new int[3], ints.toArray());
        Process<String> child = context().task(() -> {
            try {
                ints.set(7, 1);
                return "set";
            } catch (IndexOutOfBoundsException e) {
                return "refused";
            }
        }).start();
        child.join();
        assertEquals("refused", child.result());
        assertEquals(0, context().byteArray(0).length());
        assertThrows(IllegalArgumentException.class, () -> context().intArray(-1));
    }

    @Test
    @DisplayName("a bulk copy larger than one frame arrives whole")
    void largeArrayCopy() throws Exception {
        int n = 3_000_000;
        LongArray big = context().longArray(n);
        Process<Long> child = context().task(() -> {
            long[] values = new long[n];
            for (int i = 0; i < n; i++) {
                values[i] = i * 3L;
            }
            big.copyFrom(0, values, 0, n);
            return big.get(n - 1);
        }).start();
        child.join();
        assertEquals(3L * (n - 1), child.result());
        long[] copy = big.toArray();
        for (int i = 0; i < n; i++) {
            if (copy[i] != i * 3L) {
                throw new AssertionError("element " + i + " is " + copy[i]);
            }
        }
    }
}
