package dev.mproc.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.Process;
import dev.mproc.shared.ShareableList;
import dev.mproc.shared.SharedMemory;
import dev.mproc.shared.SharedMemoryNotFoundException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * SharedMemory and ShareableList (Python's {@code multiprocessing.shared_memory}). Only a backend that maps memory on
 * this host provides them; the others must refuse them with an {@link UnsupportedOperationException} naming the
 * primitive and the backend, as the api documents. Which of the two a combination is, the kit is told by
 * {@link #providesSharedMemory()}, so that neither a backend that should map memory nor one that should refuse
 * passes by doing the other.
 */
public abstract class SharedMemoryContract extends BackendCombination {

    /** @return whether the IPC backend under test maps memory on this host and so provides shared memory */
    protected abstract boolean providesSharedMemory();

    @Test
    @DisplayName("a child sees the parent's writes through a handle and by name, and the parent sees the child's")
    void writesCrossProcesses() throws Throwable {
        if (refused(() -> context().sharedMemory(4096))) {
            return;
        }
        try (SharedMemory sm = context().sharedMemory(4096)) {
            assertTrue(sm.size() >= 4096);
            sm.buffer().putLong(0, 0x0123_4567_89ab_cdefL);
            Process<Long> byHandle = context().task(() -> {
                sm.buffer().putInt(8, 42);
                return sm.buffer().getLong(0);
            }).start();
            byHandle.join();
            assertEquals(0x0123_4567_89ab_cdefL, byHandle.result());
            assertEquals(42, sm.buffer().getInt(8));
            String name = sm.name();
            Process<Integer> byName = context().task(() -> {
                try (SharedMemory attached = dev.mproc.Mproc.context().attachSharedMemory(name)) {
                    attached.buffer().put(16, (byte) 7);
                    return attached.buffer().getInt(8);
                }
            }).start();
            byName.join();
            assertEquals(42, byName.result());
            assertEquals(7, sm.buffer().get(16));
            assertEquals(0, sm.buffer().get(4095), "zero-filled");
        }
    }

    @Test
    @DisplayName("unlink removes the name, attached handles keep working, a second unlink is an error")
    void unlink() throws Throwable {
        if (refused(() -> context().sharedMemory(64))) {
            return;
        }
        SharedMemory sm = context().sharedMemory(64);
        sm.unlink();
        assertThrows(SharedMemoryNotFoundException.class, () -> context().attachSharedMemory(sm.name()));
        sm.buffer().putInt(0, 5);
        assertEquals(5, sm.buffer().getInt(0));
        assertThrows(SharedMemoryNotFoundException.class, sm::unlink);
        sm.close();
        assertThrows(IllegalStateException.class, sm::buffer);
    }

    @Test
    @DisplayName("a ShareableList: typed slots shared with a child, which may change an element within its slot")
    void shareableList() throws Throwable {
        List<Object> values = new ArrayList<>(Arrays.asList(7, 2.5, "héllo", true, null,
                "bytes".getBytes(StandardCharsets.UTF_8)));
        if (refused(() -> context().shareableList(values))) {
            return;
        }
        try (ShareableList list = context().shareableList(values)) {
            assertEquals(6, list.size());
            assertEquals(7L, list.get(0));
            assertEquals(2.5, list.get(1));
            assertEquals("héllo", list.get(2));
            assertEquals(true, list.get(3));
            assertEquals(null, list.get(4));
            assertArrayEquals("bytes".getBytes(StandardCharsets.UTF_8), (byte[]) list.get(5));
            Process<String> child = context().task(() -> {
                list.set(0, 8L);
                list.set(2, "hi");
                return (String) list.get(2);
            }).start();
            child.join();
            assertEquals("hi", child.result());
            assertEquals(8L, list.get(0));
            assertEquals("hi", list.get(2));
            assertThrows(IllegalArgumentException.class, () -> list.set(2, "longer than its eight bytes"));
            assertEquals(list.name(), context().attachShareableList(list.name()).name());
        }
    }

    /**
     * Calls a factory: on a backend that provides shared memory it must succeed; on one that does not it must throw
     * an {@link UnsupportedOperationException} naming the primitive and the backend.
     *
     * @return whether the backend refused, as it must when it does not provide shared memory
     */
    private boolean refused(Executable factory) throws Throwable {
        if (providesSharedMemory()) {
            factory.execute();
            return false;
        }
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, factory,
                "a backend that does not map memory refuses shared memory");
        String m = e.getMessage().toLowerCase(Locale.ROOT);
        assertTrue(m.contains(ipcBackend()) && (m.contains("sharedmemory") || m.contains("shared memory")
                || m.contains("shareablelist")), e.getMessage());
        return true;
    }
}
