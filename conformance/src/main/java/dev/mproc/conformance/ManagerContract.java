package dev.mproc.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.CodecException;
import dev.mproc.MprocException;
import dev.mproc.Process;
import dev.mproc.shared.Manager;
import dev.mproc.shared.SharedList;
import dev.mproc.shared.SharedMap;
import dev.mproc.shared.SharedNamespace;
import dev.mproc.sync.Event;
import dev.mproc.sync.Lock;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link Manager} and its containers ({@link SharedMap}, {@link SharedList},
 * {@link SharedNamespace}), across real processes.
 */
public abstract class ManagerContract extends BackendCombination {

    private static final int INCREMENTS = 1000;
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** A key class that defines equality by value, as the containers require. */
    public record Point(int x, int y) implements Serializable {
    }

    // ---- sharing ---------------------------------------------------------------------------------------------

    @Test
    @DisplayName("a map is one map in every process: each child sees the writes of the parent and of earlier children")
    void mapIsSharedByChildren() throws Exception {
        try (Manager manager = context().manager()) {
            SharedMap<String, Integer> map = manager.map();
            map.put("parent", 1);
            Process<Integer> first = context().task(() -> {
                map.put("first", 2);
                return map.get("parent");
            }).start();
            first.join();
            Process<Map<String, Integer>> second = context().task(() -> {
                map.put("second", 3);
                return map.snapshot();
            }).start();
            second.join();
            assertEquals(1, first.result());
            assertEquals(Map.of("parent", 1, "first", 2, "second", 3), second.result());
            assertEquals(List.of("parent", "first", "second"), new ArrayList<>(map.snapshot().keySet()),
                    "insertion order, as a Python dict");
            assertEquals(3, map.size());
        }
    }

    @Test
    @DisplayName("a list: add, get, set, removeAt, remove and size from a child agree with the parent's view")
    void listIsSharedWithChild() throws Exception {
        try (Manager manager = context().manager()) {
            SharedList<String> list = manager.list();
            list.add("a");
            list.add("b");
            Process<List<Object>> child = context().task(() -> {
                List<Object> seen = new ArrayList<>();
                seen.add(list.get(1));
                list.add("c");
                seen.add(list.set(0, "A"));
                seen.add(list.removeAt(1));
                seen.add(list.remove("zzz"));
                seen.add(list.remove("c"));
                list.add(1, "d");
                seen.add(list.size());
                return seen;
            }).start();
            child.join();
            assertEquals(List.of("b", "a", "b", false, true, 2), child.result());
            assertEquals(List.of("A", "d"), list.snapshot());
            assertEquals(1, list.indexOf("d"));
            assertTrue(list.contains("A"));
        }
    }

    @Test
    @DisplayName("namespace attributes set in the parent are read, replaced and removed in a child")
    void namespaceAttributes() throws Exception {
        try (Manager manager = context().manager()) {
            SharedNamespace ns = manager.namespace();
            ns.set("name", "Bob");
            ns.set("job", "builder");
            Process<List<Object>> child = context().task(() -> {
                List<Object> seen = new ArrayList<>();
                seen.add(ns.get("name"));
                seen.add(ns.remove("job"));
                seen.add(ns.get("job"));
                ns.set("name", "Alice");
                ns.set("age", 42);
                return seen;
            }).start();
            child.join();
            assertEquals(java.util.Arrays.asList("Bob", "builder", null), child.result());
            assertEquals("Alice", ns.get("name"));
            assertNull(ns.get("job"));
            assertEquals(Map.of("name", "Alice", "age", 42), ns.snapshot());
            assertEquals(List.of("name", "age"), new ArrayList<>(ns.snapshot().keySet()));
            assertThrows(NullPointerException.class, () -> ns.set("x", null));
        }
    }

    @Test
    @DisplayName("a map stored in another map reaches a child, which writes through it to the same map")
    void nestedMapReachesChild() throws Exception {
        try (Manager manager = context().manager()) {
            SharedMap<String, SharedMap<String, Integer>> outer = manager.map();
            SharedMap<String, Integer> inner = manager.map();
            outer.put("inner", inner);
            Process<Boolean> child = context().task(() -> {
                SharedMap<String, Integer> found = outer.get("inner");
                found.put("blankets", 3);
                return found.equals(inner);
            }).start();
            child.join();
            assertTrue(child.result(), "the handle found in the outer map equals the one stored");
            assertEquals(3, inner.get("blankets"));
            assertEquals(inner, outer.get("inner"));
        }
    }

    @Test
    @DisplayName("a manager passed to a child creates containers there that the parent can use, and shutdown ends them")
    void managerPassedToChild() throws Exception {
        Manager manager = context().manager();
        Process<SharedMap<String, String>> child = context().task(() -> {
            SharedMap<String, String> made = manager.map();
            made.put("from", "child");
            return made;
        }).start();
        child.join();
        SharedMap<String, String> made = child.result();
        assertEquals("child", made.get("from"));
        manager.shutdown();
        assertThrows(MprocException.class, () -> made.get("from"));
    }

    @Test
    @DisplayName("keys compare by equals across processes: a record, an equal list of another class, a byte array")
    void keysCompareByEquals() throws Exception {
        try (Manager manager = context().manager()) {
            SharedMap<Object, String> map = manager.map();
            map.put(new Point(1, 2), "point");
            map.put(new ArrayList<>(List.of(1, 2)), "list");
            map.put(new byte[] {1, 2, 3}, "bytes");
            Process<List<String>> child = context().task(() -> List.of(
                    map.get(new Point(1, 2)),
                    map.get(new LinkedList<>(List.of(1, 2))),
                    map.get(new byte[] {1, 2, 3}),
                    String.valueOf(map.get(new Point(2, 1))))).start();
            child.join();
            assertEquals(List.of("point", "list", "bytes", "null"), child.result());
            map.put(new Point(1, 2), "again");
            assertEquals(3, map.size(), "an equal key replaces the value, it adds no key");
        }
    }

    // ---- atomicity: the seeds' counter ------------------------------------------------------------------------

    @Test
    @DisplayName("get-then-put from two children without a lock loses updates: the total stays below 2000")
    void getThenPutLosesUpdates() throws Exception {
        try (Manager manager = context().manager()) {
            SharedMap<String, Integer> map = manager.map();
            map.put("count", 0);
            Event firstRead = context().event();
            Event secondWrote = context().event();
            // The first increment of each child is interleaved on purpose (read, read, write, write), so that one
            // update is certainly lost; the other 999 race freely.
            Process<Void> a = context().process(() -> {
                int seen = map.get("count");
                firstRead.set();
                secondWrote.await();
                map.put("count", seen + 1);
                for (int i = 1; i < INCREMENTS; i++) {
                    map.put("count", map.get("count") + 1);
                }
            }).start();
            Process<Void> b = context().process(() -> {
                firstRead.await();
                map.put("count", map.get("count") + 1);
                secondWrote.set();
                for (int i = 1; i < INCREMENTS; i++) {
                    map.put("count", map.get("count") + 1);
                }
            }).start();
            a.join();
            b.join();
            assertEquals(0, a.exitCode().getAsInt());
            assertEquals(0, b.exitCode().getAsInt());
            int total = map.get("count");
            assertTrue(total < 2 * INCREMENTS, "lost updates expected, total " + total);
            assertTrue(total >= INCREMENTS, "each child's own updates cannot all be lost, total " + total);
        }
    }

    @Test
    @DisplayName("get-then-put from two children holding a common Lock gives exactly 2000")
    void getThenPutUnderLockIsExact() throws Exception {
        try (Manager manager = context().manager()) {
            SharedMap<String, Integer> map = manager.map();
            map.put("count", 0);
            Lock lock = context().lock();
            Event go = context().event();
            Event readyA = context().event();
            Event readyB = context().event();
            Process<Void> a = context().process(() -> lockedIncrements(map, lock, readyA, go)).start();
            Process<Void> b = context().process(() -> lockedIncrements(map, lock, readyB, go)).start();
            startTogether(go, readyA, readyB);
            a.join();
            b.join();
            assertEquals(0, a.exitCode().getAsInt());
            assertEquals(0, b.exitCode().getAsInt());
            assertEquals(2 * INCREMENTS, map.get("count"));
        }
    }

    private static void lockedIncrements(SharedMap<String, Integer> map, Lock lock, Event ready, Event go)
            throws InterruptedException {
        ready.set();
        go.await();
        for (int i = 0; i < INCREMENTS; i++) {
            lock.acquire();
            try {
                map.put("count", map.get("count") + 1);
            } finally {
                lock.release();
            }
        }
    }

    @Test
    @DisplayName("merge(count, 1, Integer::sum) from two children racing without a lock gives exactly 2000")
    void mergeIsExactWithoutLock() throws Exception {
        try (Manager manager = context().manager()) {
            SharedMap<String, Integer> map = manager.map();
            Event go = context().event();
            Event readyA = context().event();
            Event readyB = context().event();
            Process<Void> a = context().process(() -> mergedIncrements(map, readyA, go)).start();
            Process<Void> b = context().process(() -> mergedIncrements(map, readyB, go)).start();
            startTogether(go, readyA, readyB);
            a.join();
            b.join();
            assertEquals(0, a.exitCode().getAsInt());
            assertEquals(0, b.exitCode().getAsInt());
            assertEquals(2 * INCREMENTS, map.get("count"));
        }
    }

    private static void mergedIncrements(SharedMap<String, Integer> map, Event ready, Event go)
            throws InterruptedException {
        ready.set();
        go.await();
        for (int i = 0; i < INCREMENTS; i++) {
            map.merge("count", 1, Integer::sum);
        }
    }

    @Test
    @DisplayName("updateAndGet on a list element from two children racing without a lock loses no update")
    void listUpdateAndGetIsExact() throws Exception {
        try (Manager manager = context().manager()) {
            SharedList<Integer> list = manager.list();
            list.add(0);
            Event go = context().event();
            Event readyA = context().event();
            Event readyB = context().event();
            int perChild = INCREMENTS / 2;
            Process<Void> a = context().process(() -> updatedIncrements(list, perChild, readyA, go)).start();
            Process<Void> b = context().process(() -> updatedIncrements(list, perChild, readyB, go)).start();
            startTogether(go, readyA, readyB);
            a.join();
            b.join();
            assertEquals(0, a.exitCode().getAsInt());
            assertEquals(0, b.exitCode().getAsInt());
            assertEquals(2 * perChild, list.get(0));
        }
    }

    private static void updatedIncrements(SharedList<Integer> list, int times, Event ready, Event go)
            throws InterruptedException {
        ready.set();
        go.await();
        for (int i = 0; i < times; i++) {
            list.updateAndGet(0, n -> n + 1);
        }
    }

    private static void startTogether(Event go, Event... ready) throws InterruptedException {
        for (Event r : ready) {
            assertTrue(r.await(WAIT), "a child started");
        }
        go.set();
    }

    // ---- lifecycle ---------------------------------------------------------------------------------------------

    @Test
    @DisplayName("after shutdown every container fails with MprocException in the owner and in a child, map() with IllegalStateException")
    void shutdownEndsEverything() throws Exception {
        Manager manager = context().manager();
        SharedMap<String, Integer> map = manager.map();
        SharedList<String> list = manager.list();
        SharedNamespace ns = manager.namespace();
        map.put("k", 1);
        Event down = context().event();
        Process<String> child = context().task(() -> {
            down.await();
            try {
                map.get("k");
                return "no failure";
            } catch (MprocException e) {
                return e.getClass().getName() + ": " + e.getMessage();
            }
        }).start();
        assertFalse(manager.isShutdown());
        manager.shutdown();
        down.set();
        child.join();
        assertTrue(manager.isShutdown());
        assertTrue(child.result().startsWith(MprocException.class.getName()), child.result());
        assertTrue(child.result().contains("shut down"), child.result());
        MprocException e = assertThrows(MprocException.class, () -> map.get("k"));
        assertTrue(e.getMessage().contains("shut down"), e.getMessage());
        assertThrows(MprocException.class, list::size);
        assertThrows(MprocException.class, () -> ns.set("a", 1));
        assertThrows(IllegalStateException.class, manager::map);
        manager.shutdown(); // a second call has no effect
        manager.close();
    }

    @Test
    @DisplayName("a manager shut down by a child that received it is shut down for its creator too")
    void shutdownFromChild() throws Exception {
        Manager manager = context().manager();
        SharedMap<String, Integer> map = manager.map();
        Process<Void> child = context().process(manager::shutdown).start();
        child.join();
        assertEquals(0, child.exitCode().getAsInt());
        assertTrue(manager.isShutdown());
        assertThrows(MprocException.class, map::size);
        assertThrows(IllegalStateException.class, manager::list);
    }

    // ---- single-process semantics (through the same protocol as any process) -----------------------------------

    @Test
    @DisplayName("conditional map operations follow ConcurrentMap: putIfAbsent, remove and replace with expected values")
    void conditionalMapOperations() {
        try (Manager manager = context().manager()) {
            SharedMap<String, Integer> map = manager.map();
            assertNull(map.putIfAbsent("a", 1));
            assertEquals(1, map.putIfAbsent("a", 2));
            assertNull(map.replace("b", 5), "replace of an absent key");
            assertFalse(map.containsKey("b"));
            assertEquals(1, map.replace("a", 3));
            assertFalse(map.replace("a", 1, 4));
            assertTrue(map.replace("a", 3, 4));
            assertFalse(map.remove("a", 3));
            assertTrue(map.remove("a", 4));
            assertNull(map.get("a"));
            assertEquals(7, map.getOrDefault("a", 7));
            assertNull(map.remove("a"));
            assertTrue(map.isEmpty());
        }
    }

    @Test
    @DisplayName("compute, computeIfAbsent and merge update atomically, and a null result removes the key")
    void computeAndMerge() {
        try (Manager manager = context().manager()) {
            SharedMap<String, Integer> map = manager.map();
            assertEquals(10, map.computeIfAbsent("a", k -> 10));
            assertEquals(10, map.computeIfAbsent("a", k -> 20));
            assertNull(map.computeIfAbsent("b", k -> null));
            assertFalse(map.containsKey("b"));
            assertEquals(11, map.compute("a", (k, v) -> v + 1));
            assertEquals(1, map.compute("c", (k, v) -> v == null ? 1 : v + 1));
            assertNull(map.compute("c", (k, v) -> null));
            assertFalse(map.containsKey("c"));
            assertEquals(5, map.merge("d", 5, Integer::sum));
            assertEquals(8, map.merge("d", 3, Integer::sum));
            assertNull(map.merge("d", 0, (x, y) -> null));
            assertEquals(Map.of("a", 11), map.snapshot());
        }
    }

    @Test
    @DisplayName("putAll copies in one call in order, clear empties, and a snapshot is an independent copy")
    void bulkOperationsAndSnapshot() {
        try (Manager manager = context().manager()) {
            SharedMap<String, Integer> map = manager.map();
            Map<String, Integer> local = new LinkedHashMap<>();
            local.put("x", 1);
            local.put("y", 2);
            local.put("z", 3);
            map.putAll(local);
            Map<String, Integer> copy = map.snapshot();
            assertEquals(local, copy);
            assertEquals(List.of("x", "y", "z"), new ArrayList<>(copy.keySet()));
            copy.put("w", 0);
            map.put("x", 9);
            assertEquals(3, map.size());
            assertEquals(1, copy.get("x"));
            map.clear();
            assertTrue(map.isEmpty());
            assertTrue(map.snapshot().isEmpty());
        }
    }

    @Test
    @DisplayName("null keys, values and elements are refused with NullPointerException and change nothing")
    void nullsAreRefused() {
        try (Manager manager = context().manager()) {
            SharedMap<String, Integer> map = manager.map();
            SharedList<String> list = manager.list();
            assertThrows(NullPointerException.class, () -> map.put(null, 1));
            assertThrows(NullPointerException.class, () -> map.put("a", null));
            assertThrows(NullPointerException.class, () -> map.get(null));
            Map<String, Integer> withNull = new HashMap<>();
            withNull.put("ok", 1);
            withNull.put("bad", null);
            assertThrows(NullPointerException.class, () -> map.putAll(withNull));
            assertTrue(map.isEmpty(), "nothing was copied");
            assertThrows(NullPointerException.class, () -> list.add(null));
            assertThrows(NullPointerException.class, () -> list.addAll(java.util.Arrays.asList("a", null)));
            assertEquals(0, list.size(), "nothing was appended");
        }
    }

    @Test
    @DisplayName("a value that cannot be encoded fails with CodecException in the caller and changes nothing")
    void unencodableValue() {
        try (Manager manager = context().manager()) {
            SharedMap<String, Object> map = manager.map();
            assertThrows(CodecException.class, () -> map.put("a", new Object()));
            assertFalse(map.containsKey("a"));
        }
    }

    @Test
    @DisplayName("list indexes out of range throw IndexOutOfBoundsException; insert, addAll, indexOf and compareAndSet work")
    void listIndexesAndComparisons() {
        try (Manager manager = context().manager()) {
            SharedList<Object> list = manager.list();
            list.addAll(List.of("a", "b"));
            list.add(0, "first");
            list.add(3, new ArrayList<>(List.of(1, 2)));
            assertEquals(List.of("first", "a", "b", List.of(1, 2)), list.snapshot());
            assertThrows(IndexOutOfBoundsException.class, () -> list.get(4));
            assertThrows(IndexOutOfBoundsException.class, () -> list.get(-1));
            assertThrows(IndexOutOfBoundsException.class, () -> list.set(4, "x"));
            assertThrows(IndexOutOfBoundsException.class, () -> list.add(5, "x"));
            assertThrows(IndexOutOfBoundsException.class, () -> list.removeAt(4));
            assertEquals(4, list.size(), "unchanged by the failed calls");
            assertEquals(3, list.indexOf(new LinkedList<>(List.of(1, 2))), "elements compare by equals");
            assertEquals(-1, list.indexOf("zzz"));
            assertFalse(list.compareAndSet(1, "b", "B"));
            assertTrue(list.compareAndSet(1, "a", "A"));
            assertEquals("A", list.get(1));
            assertEquals("bb", list.updateAndGet(2, s -> s + "b"));
            list.clear();
            assertEquals(0, list.size());
        }
    }
}
