package dev.mproc.ipc.shm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.conformance.BackendCombination;
import dev.mproc.shared.ShareableList;
import dev.mproc.shared.SharedMemory;
import dev.mproc.shared.SharedMemoryNotFoundException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SharedMemory and ShareableList of the shm backend, between real processes (processbuilder × shm). */
class SharedMemoryTest extends BackendCombination {

    @Override
    protected Combination combination() {
        return new Combination("processbuilder", "shm");
    }

    @Test
    @DisplayName("a child attaching by name sees the parent's writes, and the parent sees the child's")
    void attachByName() throws Exception {
        try (SharedMemory shm = context().sharedMemory(4096)) {
            shm.buffer().putLong(0, 0x1122334455667788L).put(4095, (byte) 7);
            String name = shm.name();
            Process<String> child = context().task(() -> {
                try (SharedMemory mine = Mproc.context().attachSharedMemory(name)) {
                    ByteBuffer b = mine.buffer();
                    String seen = Long.toHexString(b.getLong(0)) + " " + b.get(4095) + " " + mine.size();
                    b.putInt(8, 4242);
                    return seen;
                }
            }).start();
            child.join();
            assertEquals("1122334455667788 7 4096", child.result());
            assertEquals(4242, shm.buffer().getInt(8));
            shm.unlink();
        }
    }

    @Test
    @DisplayName("a handle sent to a child attaches there to the same memory, and is equal to the parent's")
    void handleSentToAChild() throws Exception {
        SharedMemory shm = context().sharedMemory(100);
        shm.buffer().put("from the parent".getBytes(StandardCharsets.US_ASCII));
        Process<String> child = context().task(() -> {
            byte[] seen = new byte[15];
            shm.buffer().get(seen);
            shm.buffer(50, 50).put("from the child".getBytes(StandardCharsets.US_ASCII));
            return new String(seen, StandardCharsets.US_ASCII) + "|" + shm.equals(
                    Mproc.context().attachSharedMemory(shm.name())) + "|" + shm.hashCode();
        }).start();
        child.join();
        assertEquals("from the parent|true|" + shm.hashCode(), child.result());
        byte[] back = new byte[14];
        shm.buffer(50, 14).get(back);
        assertEquals("from the child", new String(back, StandardCharsets.US_ASCII));
        shm.close();
        shm.unlink();
    }

    @Test
    @DisplayName("unlink removes the name but attached handles keep working; a second unlink is refused")
    void unlinkSemantics() throws Exception {
        SharedMemory a = context().sharedMemory(64);
        SharedMemory b = context().attachSharedMemory(a.name());
        String name = a.name();
        Process<String> child = context().task(() -> {
            Mproc.context().attachSharedMemory(name).unlink();
            return "unlinked";
        }).start();
        child.join();
        assertEquals("unlinked", child.result());
        assertThrows(SharedMemoryNotFoundException.class, () -> context().attachSharedMemory(name));
        a.buffer().putInt(0, 99);
        assertEquals(99, b.buffer().getInt(0), "handles attached before the unlink still share the memory");
        SharedMemoryNotFoundException again = assertThrows(SharedMemoryNotFoundException.class, a::unlink);
        assertTrue(again.getMessage().contains(name), again.getMessage());
        a.close();
        b.close();
    }

    @Test
    @DisplayName("a handle decoded after its segment was unlinked reports SharedMemoryNotFoundException on use")
    void decodedAfterUnlink() throws Exception {
        SharedMemory shm = context().sharedMemory(8);
        shm.unlink();
        Process<String> child = context().task(() -> {
            try {
                shm.buffer();
                return "attached";
            } catch (SharedMemoryNotFoundException e) {
                return "not found";
            }
        }).start();
        child.join();
        assertEquals("not found", child.result());
        shm.close();
    }

    @Test
    @DisplayName("close detaches only that handle; calling it again has no effect")
    void closeDetachesOneHandle() {
        SharedMemory a = context().sharedMemory(16);
        SharedMemory b = context().attachSharedMemory(a.name());
        ByteBuffer before = a.buffer();
        a.close();
        a.close();
        assertThrows(IllegalStateException.class, a::buffer);
        assertThrows(IllegalStateException.class, () -> a.buffer(0, 1));
        before.put(3, (byte) 5);
        assertEquals(5, b.buffer().get(3), "a view taken before close stays valid");
        a.unlink();
        b.close();
    }

    @Test
    @DisplayName("attaching an unknown or malformed name throws SharedMemoryNotFoundException")
    void unknownName() {
        SharedMemory shm = context().sharedMemory(8);
        shm.close();
        shm.unlink();
        assertThrows(SharedMemoryNotFoundException.class, () -> context().attachSharedMemory(shm.name()));
        assertThrows(SharedMemoryNotFoundException.class, () -> context().attachSharedMemory("no-such-segment"));
        assertThrows(SharedMemoryNotFoundException.class, () -> context().attachSharedMemory("../../etc/passwd"));
        assertThrows(SharedMemoryNotFoundException.class, () -> context().attachShareableList("1-2-0123"));
        assertThrows(NullPointerException.class, () -> context().attachSharedMemory(null));
    }

    @Test
    @DisplayName("sizes and windows are checked: size < 1 and windows outside the segment are refused")
    void bounds() {
        assertThrows(IllegalArgumentException.class, () -> context().sharedMemory(0));
        try (SharedMemory shm = context().sharedMemory(10)) {
            assertEquals(10, shm.buffer().limit());
            assertEquals(0, shm.buffer().position());
            assertEquals(3, shm.buffer(7, 3).limit());
            assertThrows(IndexOutOfBoundsException.class, () -> shm.buffer(8, 3));
            assertThrows(IndexOutOfBoundsException.class, () -> shm.buffer(-1, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> shm.buffer(0, -1));
            shm.unlink();
        }
    }

    @Test
    @DisplayName("a segment over 2 GiB is reached through buffer(offset, length), also from a child; buffer() names the limit")
    void largerThanOneBuffer() throws Exception {
        long size = (1L << 31) + 4096;
        try (SharedMemory shm = context().sharedMemory(size)) {
            try {
                assertEquals(size, shm.size());
                IllegalStateException e = assertThrows(IllegalStateException.class, shm::buffer);
                assertTrue(e.getMessage().contains(Integer.toString(Integer.MAX_VALUE)), e.getMessage());
                shm.buffer(size - 8, 8).putLong(0, 0xCAFEBABEL);
                shm.buffer(0, 8).putLong(0, 17);
                Process<String> child = context().task(() -> {
                    long last = shm.buffer(size - 8, 8).getLong(0);
                    shm.buffer((1L << 31) - 4, 8).putLong(0, -1L);
                    return Long.toHexString(last) + " " + shm.buffer(0, 8).getLong(0);
                }).start();
                child.join();
                assertEquals("cafebabe 17", child.result());
                assertEquals(-1L, shm.buffer((1L << 31) - 4, 8).getLong(0), "a write across the 2 GiB mark");
            } finally {
                shm.unlink();
            }
        }
    }

    @Test
    @DisplayName("a shareable list keeps each supported type; a child reads and changes it through a sent handle")
    void shareableListAcrossProcesses() throws Exception {
        List<Object> values = Arrays.asList("howdy", "HoWdY".getBytes(StandardCharsets.US_ASCII), -273.154, 100,
                null, true, 42L, (short) 3, 1.5f);
        ShareableList list = context().shareableList(values);
        assertEquals(9, list.size());
        List<Object> expected = Arrays.asList("howdy", null, -273.154, 100L, null, true, 42L, 3L, 1.5);
        List<Object> local = list.toList();
        assertArrayEquals("HoWdY".getBytes(StandardCharsets.US_ASCII), (byte[]) local.get(1));
        local.set(1, null);
        assertEquals(expected, local);
        Process<String> child = context().task(() -> {
            String seen = list.get(0) + " " + list.get(2) + " " + list.get(3) + " " + list.get(5);
            list.set(0, "hi");
            list.set(3, "eight ch");
            list.set(4, 2.5);
            list.set(5, null);
            return seen;
        }).start();
        child.join();
        assertEquals("howdy -273.154 100 true", child.result());
        assertEquals("hi", list.get(0));
        assertEquals("eight ch", list.get(3), "a number's 8-byte slot takes an 8-byte string");
        assertEquals(2.5, list.get(4));
        assertNull(list.get(5));
        ShareableList byName = context().attachShareableList(list.name());
        assertEquals(list, byName);
        assertArrayEquals((byte[]) list.get(1), (byte[]) byName.get(1));
        assertEquals(Arrays.asList("hi", -273.154, "eight ch", 2.5, null, 42L, 3L, 1.5),
                withoutIndex1(byName.toList()));
        byName.close();
        list.unlink();
        list.close();
    }

    private static List<Object> withoutIndex1(List<Object> values) {
        values.remove(1);
        return values;
    }

    @Test
    @DisplayName("a shareable list refuses a value too big for its slot or of an unsupported type, and keeps the old one")
    void shareableListRefusals() {
        ShareableList list = context().shareableList(List.of("abc", 1L));
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> list.set(0, "a string longer than eight bytes"));
        assertTrue(big.getMessage().contains("exceeds available storage"), big.getMessage());
        assertEquals("abc", list.get(0));
        list.set(0, "12345678");
        assertEquals("12345678", list.get(0), "'abc' rounds up to an 8-byte slot");
        assertThrows(IllegalArgumentException.class, () -> list.set(1, new ArrayList<>()));
        assertEquals(1L, list.get(1));
        assertThrows(IndexOutOfBoundsException.class, () -> list.get(2));
        assertThrows(IndexOutOfBoundsException.class, () -> list.set(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> context().shareableList(List.of(new Object())));
        list.close();
        assertThrows(IllegalStateException.class, () -> list.get(0));
        list.unlink();
        assertThrows(SharedMemoryNotFoundException.class, list::unlink);
    }

    @Test
    @DisplayName("indexOf and count compare by value, byte arrays by content, ints as longs")
    void shareableListSearch() {
        ShareableList list = context().shareableList(Arrays.asList(1, "x", new byte[] {1, 2}, 1L, null, 2.0));
        assertEquals(0, list.indexOf(1));
        assertEquals(2, list.count(1L));
        assertEquals(2, list.indexOf(new byte[] {1, 2}));
        assertEquals(4, list.indexOf(null));
        assertEquals(5, list.indexOf(2.0f));
        assertEquals(-1, list.indexOf("y"));
        assertEquals(0, list.count(new Object()));
        ShareableList empty = context().shareableList(List.of());
        assertEquals(0, empty.size());
        assertEquals(List.of(), empty.toList());
        assertNotEquals(list, empty);
        assertFalse(list.toString().isEmpty());
        list.unlink();
        empty.unlink();
    }
}
