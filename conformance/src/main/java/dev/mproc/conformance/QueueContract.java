package dev.mproc.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.CodecException;
import dev.mproc.Process;
import dev.mproc.queue.Queue;
import dev.mproc.queue.QueueEmptyException;
import dev.mproc.queue.QueueFullException;
import dev.mproc.sync.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The contract of {@link Queue}, bounded and unbounded, across real processes. */
public abstract class QueueContract extends BackendCombination {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    // ---- order and delivery --------------------------------------------------------------------------------

    @Test
    @DisplayName("a child sees its own puts at once: qsize goes 0, 1, 2, 1, 0 and items come out in order")
    void qsizeFollowsOwnPutsAndGets() throws Exception {
        Queue<String> q = context().queue();
        Process<List<Object>> child = context().task(() -> {
            List<Object> seen = new ArrayList<>();
            seen.add(q.qsize());
            q.put("a");
            seen.add(q.qsize());
            q.put("b");
            seen.add(q.qsize());
            seen.add(q.get());
            seen.add(q.qsize());
            seen.add(q.getNowait());
            seen.add(q.qsize());
            seen.add(q.isEmpty());
            return seen;
        }).start();
        child.join();
        assertEquals(List.of(0, 1, 2, "a", 1, "b", 0, true), child.result());
    }

    @Test
    @DisplayName("a child consumer receives the parent's items in order, up to a sentinel")
    void childConsumesUpToSentinel() throws Exception {
        Queue<Integer> q = context().queue();
        Process<List<Integer>> consumer = context().task(() -> {
            List<Integer> got = new ArrayList<>();
            for (Integer x = q.get(); x >= 0; x = q.get()) {
                got.add(x);
            }
            return got;
        }).start();
        for (int i = 0; i < 1000; i++) {
            q.put(i);
        }
        q.put(-1);
        consumer.join();
        assertEquals(IntStream.range(0, 1000).boxed().toList(), consumer.result());
        assertTrue(q.isEmpty());
    }

    @Test
    @DisplayName("three producer processes, one consumer: every item arrives once, in each producer's order")
    void manyProducersOneConsumer() throws Exception {
        int producers = 3;
        int perProducer = 2000;
        Queue<List<Integer>> q = context().queue();
        List<Process<Void>> children = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            children.add(context().process(() -> {
                for (int i = 0; i < perProducer; i++) {
                    q.put(new ArrayList<>(List.of(id, i)));
                }
                q.put(new ArrayList<>(List.of(id, -1)));
            }).start());
        }
        Map<Integer, List<Integer>> received = new HashMap<>();
        int finished = 0;
        while (finished < producers) {
            List<Integer> item = q.get(PATIENCE);
            if (item.get(1) < 0) {
                finished++;
            } else {
                received.computeIfAbsent(item.get(0), k -> new ArrayList<>()).add(item.get(1));
            }
        }
        for (Process<Void> c : children) {
            c.join();
            assertEquals(0, c.exitCode().getAsInt());
        }
        List<Integer> expected = IntStream.range(0, perProducer).boxed().toList();
        for (int p = 0; p < producers; p++) {
            assertEquals(expected, received.get(p), "items of producer " + p);
        }
        assertThrows(QueueEmptyException.class, q::getNowait, "nothing duplicated");
    }

    @Test
    @DisplayName("every item a producer put before exiting normally can be taken once it has been joined")
    void exitedProducerDeliveredEverything() throws Exception {
        Queue<Integer> q = context().queue();
        Process<Void> producer = context().process(() -> {
            for (int i = 0; i < 500; i++) {
                q.put(i);
            }
        }).start();
        producer.join();
        for (int i = 0; i < 500; i++) {
            assertEquals(i, q.getNowait());
        }
        assertTrue(q.poll().isEmpty());
    }

    @Test
    @DisplayName("an item of 20 MiB makes a round trip through a child intact")
    void largeItemRoundTrip() throws Exception {
        byte[] big = new byte[20 << 20];
        new Random(42).nextBytes(big);
        Queue<byte[]> there = context().queue();
        Queue<byte[]> back = context().queue();
        Process<Void> echo = context().process(() -> back.put(there.get())).start();
        there.put(big);
        byte[] returned = back.get(PATIENCE);
        echo.join();
        assertArrayEquals(big, returned);
    }

    @Test
    @DisplayName("a queue sent inside another queue's item still works in the child that takes it")
    void queueInsideAnItem() throws Exception {
        Queue<String> inner = context().queue();
        Queue<List<Queue<String>>> carrier = context().queue();
        Process<Void> child = context().process(() -> {
            Queue<String> received = carrier.get().get(0);
            received.put("from the child, through a queue that came in a list in a queue");
        }).start();
        carrier.put(new ArrayList<>(List.of(inner)));
        assertEquals("from the child, through a queue that came in a list in a queue", inner.get(PATIENCE));
        child.join();
        assertEquals(0, child.exitCode().getAsInt());
    }

    // ---- waiting and not waiting ---------------------------------------------------------------------------

    @Test
    @DisplayName("get with a timeout on an empty queue throws QueueEmptyException after at least the timeout")
    void getTimesOut() throws Exception {
        Queue<String> q = context().queue();
        Process<Long> child = context().task(() -> {
            long t0 = System.nanoTime();
            try {
                q.get(Duration.ofMillis(300));
                return -1L;
            } catch (QueueEmptyException e) {
                return System.nanoTime() - t0;
            }
        }).start();
        child.join();
        assertTrue(child.result() >= TimeUnit.MILLISECONDS.toNanos(300), "waited " + child.result() + " ns");
    }

    @Test
    @DisplayName("the non-blocking gets on an empty queue fail at once: getNowait, poll, get(0), get(-1 s)")
    void nonBlockingGetsOnEmpty() throws Exception {
        Queue<String> q = context().queue();
        assertThrows(QueueEmptyException.class, q::getNowait);
        assertEquals(Optional.empty(), q.poll());
        assertThrows(QueueEmptyException.class, () -> q.get(Duration.ZERO));
        assertThrows(QueueEmptyException.class, () -> q.get(Duration.ofSeconds(-1)));
        q.put("x");
        assertEquals("x", q.getNowait());
    }

    @Test
    @DisplayName("a bounded queue: full at capacity, non-blocking puts fail at once, a timed put after the timeout")
    void boundedQueueWhenFull() throws Exception {
        Queue<Integer> q = context().queue(2);
        assertEquals(2, q.capacity());
        assertTrue(q.isEmpty());
        assertFalse(q.isFull());
        q.put(1);
        q.putNowait(2);
        assertTrue(q.isFull());
        assertEquals(2, q.qsize());
        assertThrows(QueueFullException.class, () -> q.putNowait(3));
        assertFalse(q.offer(3));
        assertThrows(QueueFullException.class, () -> q.put(3, Duration.ZERO));
        long t0 = System.nanoTime();
        assertThrows(QueueFullException.class, () -> q.put(3, Duration.ofMillis(200)));
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(200));
        assertEquals(1, q.get());
        assertFalse(q.isFull());
        assertTrue(q.offer(4));
        assertEquals(2, q.getNowait());
        assertEquals(4, q.getNowait());
        assertTrue(q.isEmpty());
    }

    @Test
    @DisplayName("a put blocked on a full bounded queue proceeds when a child takes an item")
    void blockedPutProceedsWhenChildTakes() throws Exception {
        Queue<Integer> q = context().queue(2);
        q.put(1);
        q.put(2);
        Call putter = inThread(() -> q.put(3));
        assertThrows(java.util.concurrent.TimeoutException.class, () -> putter.ended().get(200, TimeUnit.MILLISECONDS),
                "the put waits while the queue is full");
        Process<Integer> consumer = context().task(() -> q.get()).start();
        consumer.join();
        assertEquals(1, consumer.result());
        assertEquals(null, putter.ended().get(30, TimeUnit.SECONDS));
        assertEquals(List.of(2, 3), List.of(q.getNowait(), q.getNowait()));
    }

    @Test
    @DisplayName("a child blocked in put on a full queue is released by the parent's get, and its item arrives")
    void childBlockedInPut() throws Exception {
        Queue<String> q = context().queue(1);
        q.put("first");
        Event putReturned = context().event();
        Process<Void> producer = context().process(() -> {
            q.put("second");
            putReturned.set();
        }).start();
        assertFalse(putReturned.await(Duration.ofMillis(300)), "the child's put waits while the queue is full");
        assertEquals("first", q.get());
        assertTrue(putReturned.await(PATIENCE));
        assertEquals("second", q.get(PATIENCE));
        producer.join();
    }

    // ---- interruption and death ----------------------------------------------------------------------------

    @Test
    @DisplayName("a put blocked on a full queue can be interrupted, and then puts nothing")
    void blockedPutIsInterruptible() throws Exception {
        Queue<String> q = context().queue(1);
        q.put("only");
        Call putter = inThread(() -> q.put("never"));
        assertInstanceOf(InterruptedException.class, putter.interruptAndAwait());
        assertEquals(1, q.qsize());
        assertEquals("only", q.getNowait());
        assertTrue(q.poll().isEmpty());
    }

    @Test
    @DisplayName("gets interrupted as items arrive lose no item, in the owner")
    void interruptedGetsLoseNothingInOwner() throws Exception {
        Queue<Integer> q = context().queue();
        assertEquals(IntStream.range(0, 300).boxed().toList(), interruptRace(q, 300));
    }

    @Test
    @DisplayName("gets interrupted as items arrive lose no item, in a child")
    void interruptedGetsLoseNothingInChild() throws Exception {
        Queue<Integer> q = context().queue();
        Process<List<Integer>> child = context().task(() -> interruptRace(q, 300)).start();
        child.join();
        assertEquals(IntStream.range(0, 300).boxed().toList(), child.result());
        assertTrue(q.isEmpty());
    }

    /**
     * Each round, a thread waits in get while this thread puts the round's item and at once interrupts it, so
     * that the interrupt lands before or after the owner grants the item. Whatever the outcome, every item must
     * be taken exactly once, by a getter or by the final drain.
     */
    private static List<Integer> interruptRace(Queue<Integer> q, int rounds) throws Exception {
        q.qsize(); // connect first, so that a getter's WAITING state means it waits for the owner's answer
        List<Integer> taken = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            CompletableFuture<Object> outcome = new CompletableFuture<>();
            Thread getter = new Thread(() -> {
                try {
                    outcome.complete(q.get());
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            getter.start();
            // Interrupt only a getter whose request is out: the race under test is the interrupt against the
            // grant, not against the request being written.
            while (getter.getState() != Thread.State.WAITING && !outcome.isDone()) {
                Thread.onSpinWait();
            }
            q.put(i);
            getter.interrupt();
            getter.join();
            Object o = outcome.get();
            if (o instanceof Integer item) {
                taken.add(item);
            } else if (!(o instanceof InterruptedException)) {
                throw new AssertionError("get failed", (Throwable) o);
            }
        }
        for (Optional<Integer> x = q.poll(); x.isPresent(); x = q.poll()) {
            taken.add(x.get());
        }
        return taken.stream().sorted().collect(Collectors.toList());
    }

    @Test
    @DisplayName("a consumer killed while blocked in get does not swallow the next item")
    void killedConsumerSwallowsNothing() throws Exception {
        Queue<String> q = context().queue();
        Event waiting = context().event();
        Process<Void> consumer = context().process(() -> {
            q.qsize(); // connect first, so that the taker's WAITING state means it waits for the answer
            Thread taker = new Thread(() -> {
                try {
                    q.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            taker.start();
            while (taker.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            // Sent on the same connection after the get's request, so the owner has parked the get by now.
            waiting.set();
            taker.join();
        }).start();
        assertTrue(waiting.await(PATIENCE));
        consumer.kill();
        consumer.join();
        q.put("precious");
        assertEquals("precious", q.get(PATIENCE));
    }

    @Test
    @DisplayName("a consumer killed after taking some items leaves exactly the others: none lost, none twice")
    void killedBusyConsumerLeavesTheRest() throws Exception {
        Queue<Integer> q = context().queue();
        Event tookTen = context().event();
        for (int i = 0; i < 1000; i++) {
            q.put(i);
        }
        Process<Void> consumer = context().process(() -> {
            for (int i = 0; i < 10; i++) {
                if (q.get() != i) {
                    return;
                }
            }
            tookTen.set();
            Thread.sleep(Long.MAX_VALUE);
        }).start();
        assertTrue(tookTen.await(PATIENCE));
        consumer.kill();
        consumer.join();
        // The owner learns of the death when it reads the end of the connection, maybe after this thread's first
        // gets: so the items may come back after later ones, but every one comes back, once.
        List<Integer> rest = new ArrayList<>();
        while (rest.size() < 990) {
            rest.add(q.get(PATIENCE));
        }
        assertEquals(IntStream.range(10, 1000).boxed().toList(), rest.stream().sorted().toList());
        assertTrue(q.poll().isEmpty(), "nothing twice");
    }

    @Test
    @DisplayName("a consumer that exits normally after taking some items leaves the rest for a getNowait after join")
    void exitedConsumerLeavesTheRest() throws Exception {
        Queue<Integer> q = context().queue();
        for (int i = 0; i < 1000; i++) {
            q.put(i);
        }
        Process<List<Integer>> consumer = context().task(() -> {
            List<Integer> got = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                got.add(q.get());
            }
            return got;
        }).start();
        consumer.join();
        assertEquals(IntStream.range(0, 100).boxed().toList(), consumer.result());
        for (int i = 100; i < 1000; i++) {
            assertEquals(i, q.getNowait());
        }
        assertTrue(q.poll().isEmpty());
    }

    @Test
    @DisplayName("a consumer that stops taking does not keep the items another consumer waits for")
    void idleConsumerHoldsNothingBack() throws Exception {
        Queue<Integer> q = context().queue();
        Event second = context().event();
        for (int i = 0; i < 1000; i++) {
            q.put(i);
        }
        Process<Boolean> first = context().task(() -> {
            for (int i = 0; i < 100; i++) {
                q.get();
            }
            // Waits for a consumer that can only proceed with an item this one might still hold.
            return second.await(PATIENCE);
        }).start();
        Process<Void> other = context().process(() -> {
            while (q.get() < 100) {
                // the items the first consumer took, if this one overtook it
            }
            second.set();
        }).start();
        first.join();
        other.join();
        assertTrue(first.result(), "the second consumer got an item while the first one idled");
    }

    // ---- misuse --------------------------------------------------------------------------------------------

    @Test
    @DisplayName("an item that cannot be encoded fails in the caller's put with CodecException, and nothing is put")
    void unencodableItem() {
        Queue<Object> q = context().queue();
        Queue<Object> bounded = context().queue(3);
        Object notSerializable = new Object();
        assertThrows(CodecException.class, () -> q.put(notSerializable));
        assertThrows(CodecException.class, () -> q.putNowait(notSerializable));
        assertThrows(CodecException.class, () -> bounded.put(notSerializable, Duration.ofSeconds(1)));
        assertThrows(CodecException.class, () -> bounded.offer(notSerializable));
        assertEquals(0, q.qsize());
        assertEquals(0, bounded.qsize());
    }

    @Test
    @DisplayName("null items and null timeouts are refused with NullPointerException; capacity must be positive")
    void nullsAndBadCapacity() {
        Queue<String> q = context().queue();
        assertThrows(NullPointerException.class, () -> q.put(null));
        assertThrows(NullPointerException.class, () -> q.offer(null));
        assertThrows(NullPointerException.class, () -> q.put("x", null));
        assertThrows(NullPointerException.class, () -> q.get(null));
        assertThrows(IllegalArgumentException.class, () -> context().queue(0));
        assertEquals(Integer.MAX_VALUE, q.capacity());
        assertFalse(q.isFull());
    }

    @Test
    @DisplayName("a closed handle refuses every operation but capacity; other processes' handles still work")
    void closedHandle() throws Exception {
        Queue<String> q = context().queue(5);
        q.close();
        q.close();
        assertEquals(5, q.capacity());
        assertThrows(IllegalStateException.class, () -> q.put("x"));
        assertThrows(IllegalStateException.class, () -> q.offer("x"));
        assertThrows(IllegalStateException.class, q::get);
        assertThrows(IllegalStateException.class, q::poll);
        assertThrows(IllegalStateException.class, q::qsize);
        assertThrows(IllegalStateException.class, q::isEmpty);
        assertThrows(IllegalStateException.class, q::isFull);
        Process<String> child = context().task(() -> {
            q.put("still open here");
            return q.get();
        }).start();
        child.join();
        assertEquals("still open here", child.result());
    }
}
