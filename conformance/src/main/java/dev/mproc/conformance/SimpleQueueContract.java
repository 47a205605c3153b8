package dev.mproc.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.CodecException;
import dev.mproc.Process;
import dev.mproc.queue.SimpleQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The contract of {@link SimpleQueue}, across real processes. */
public abstract class SimpleQueueContract extends BackendCombination {

    @Test
    @DisplayName("a put returns once the item is stored: a child sees empty, then not empty, and so does the parent")
    void putIsSynchronous() throws Exception {
        SimpleQueue<Boolean> q = context().simpleQueue();
        assertTrue(q.isEmpty());
        Process<Void> child = context().process(() -> {
            q.put(q.isEmpty());
            q.put(q.isEmpty());
        }).start();
        child.join();
        assertFalse(q.isEmpty());
        assertTrue(q.get());
        assertFalse(q.get());
        assertTrue(q.isEmpty());
    }

    @Test
    @DisplayName("two producer processes, the parent consumes: every item once, in each producer's order")
    void producersToParent() throws Exception {
        SimpleQueue<List<Integer>> q = context().simpleQueue();
        List<Process<Void>> producers = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            int id = p;
            producers.add(context().process(() -> {
                for (int i = 0; i < 300; i++) {
                    q.put(new ArrayList<>(List.of(id, i)));
                }
            }).start());
        }
        List<List<Integer>> byProducer = List.of(new ArrayList<>(), new ArrayList<>());
        for (int n = 0; n < 600; n++) {
            List<Integer> item = q.get();
            byProducer.get(item.get(0)).add(item.get(1));
        }
        for (Process<Void> p : producers) {
            p.join();
        }
        assertEquals(IntStream.range(0, 300).boxed().toList(), byProducer.get(0));
        assertEquals(IntStream.range(0, 300).boxed().toList(), byProducer.get(1));
        assertTrue(q.isEmpty());
    }

    @Test
    @DisplayName("close makes every method throw IllegalStateException, even on an unused queue; twice is fine")
    void close() {
        SimpleQueue<String> q = context().simpleQueue();
        q.close();
        q.close();
        assertThrows(IllegalStateException.class, q::isEmpty);
        assertThrows(IllegalStateException.class, () -> q.put("x"));
        assertThrows(IllegalStateException.class, q::get);
    }

    @Test
    @DisplayName("put refuses an item that cannot be encoded (CodecException) and a null item (NullPointerException)")
    void misuse() {
        SimpleQueue<Object> q = context().simpleQueue();
        assertThrows(CodecException.class, () -> q.put(new Object()));
        assertThrows(NullPointerException.class, () -> q.put(null));
        assertTrue(q.isEmpty());
    }
}
