package dev.mproc.ipc.shm.internal.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.Process;
import dev.mproc.conformance.BackendCombination;
import dev.mproc.pipe.Connection;
import dev.mproc.pipe.Pipe;
import dev.mproc.queue.JoinableQueue;
import dev.mproc.queue.Queue;
import dev.mproc.sync.Event;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Queues and pipes on rings between real processes: accounting, crashes, idling, end of file. */
class RingProcessesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Nested
    @DisplayName("processbuilder × shm")
    class ProcessBuilder extends Contract {
        @Override
        protected Combination combination() {
            return new Combination("processbuilder", "shm");
        }
    }

    @Nested
    @DisplayName("posix-fork × shm")
    class PosixFork extends Contract {
        @Override
        protected Combination combination() {
            return new Combination("posix-fork", "shm");
        }
    }

    abstract static class Contract extends BackendCombination {

        @Test
        @DisplayName("three producer and two consumer processes: every item taken exactly once, each producer's in order")
        void manyProducersManyConsumers() throws Exception {
            int producers = 3;
            int consumers = 2;
            int perProducer = 20_000;
            Queue<Integer> q = context().queue(100);
            List<Process<List<Integer>>> takers = new ArrayList<>();
            for (int c = 0; c < consumers; c++) {
                takers.add(context().task(() -> {
                    List<Integer> got = new ArrayList<>();
                    for (int x = q.get(); x >= 0; x = q.get()) {
                        got.add(x);
                    }
                    return got;
                }).start());
            }
            List<Process<Void>> putters = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int id = p;
                putters.add(context().process(() -> {
                    for (int i = 0; i < perProducer; i++) {
                        q.put(id * 1_000_000 + i);
                    }
                }).start());
            }
            for (Process<Void> p : putters) {
                p.join();
                assertEquals(0, p.exitCode().getAsInt());
            }
            for (int c = 0; c < consumers; c++) {
                q.put(-1);
            }
            Set<Integer> all = new HashSet<>();
            int total = 0;
            for (Process<List<Integer>> t : takers) {
                t.join();
                List<Integer> got = t.result();
                total += got.size();
                all.addAll(got);
                Map<Integer, Integer> last = new HashMap<>();
                for (int x : got) {
                    Integer before = last.put(x / 1_000_000, x % 1_000_000);
                    assertTrue(before == null || before < x % 1_000_000, "a consumer sees each producer's order");
                }
            }
            assertEquals(producers * perProducer, total, "nothing lost, nothing duplicated");
            assertEquals(producers * perProducer, all.size(), "nothing duplicated");
            assertTrue(q.isEmpty());
            assertEquals(0, q.qsize());
        }

        @Test
        @DisplayName("an unbounded put never waits for a consumer: 200 000 items overflow the ring, all arrive in order and counted")
        void unboundedPutNeverWaits() throws Exception {
            int n = 200_000;
            JoinableQueue<String> q = context().joinableQueue();
            Event allPut = context().event();
            Process<Void> producer = context().process(() -> {
                for (int i = 0; i < n; i++) {
                    q.put("item " + i + " " + "x".repeat(i % 50));
                }
                allPut.set(); // before anybody has taken anything
            }).start();
            assertTrue(allPut.await(PATIENCE), "the producer's puts returned with nobody reading");
            for (int i = 0; i < n; i++) {
                assertEquals("item " + i + " " + "x".repeat(i % 50), q.get(PATIENCE));
                q.taskDone();
            }
            producer.join(); // its exit waited until its feeder had delivered everything
            assertEquals(0, producer.exitCode().getAsInt());
            assertTrue(q.join(Duration.ZERO), "every task was counted once and finished");
            assertTrue(q.poll().isEmpty());
        }

        @Test
        @DisplayName("a producer killed in the middle of a write wedges nobody: its half record never shows")
        @SuppressWarnings("serial") // the child reaches a package-private test hook of the ring
        void producerKilledMidWrite() throws Exception {
            Queue<String> q = context().queue(10);
            Event stalled = context().event();
            Process<Void> producer = context().process(() -> {
                q.put("before");
                // What a put does up to the commit, then the process is killed: lock held, record half written.
                ((ShmQueue<String>) q).ring().beginWriteForTest(new byte[300]);
                stalled.set();
                Thread.sleep(Long.MAX_VALUE);
            }).start();
            assertTrue(stalled.await(PATIENCE));
            CompletableFuture<Object> taken = new CompletableFuture<>();
            Thread consumer = new Thread(() -> {
                try {
                    List<String> got = new ArrayList<>();
                    got.add(q.get());
                    got.add(q.get());
                    taken.complete(got);
                } catch (Throwable t) {
                    taken.complete(t);
                }
            });
            consumer.start();
            producer.kill();
            producer.join();
            q.put("after"); // takes the producer lock over from the dead process
            assertEquals(List.of("before", "after"), taken.get(30, TimeUnit.SECONDS));
            assertEquals(0, q.qsize(), "the counts are repaired");
            for (int i = 0; i < 10; i++) {
                q.put("again " + i);
            }
            assertFalse(q.offer("one too many"), "the capacity still holds");
            for (int i = 0; i < 10; i++) {
                assertEquals("again " + i, q.getNowait());
            }
        }

        @Test
        @DisplayName("a consumer blocked on an empty queue for seconds burns almost no CPU")
        void idleConsumerBurnsNoCpu() throws Exception {
            Queue<String> q = context().queue();
            Event ready = context().event();
            Process<String> consumer = context().task(() -> {
                q.put("warm"); // attach, and warm the paths
                q.get();
                ready.set();
                return q.get();
            }).start();
            assertTrue(ready.await(PATIENCE));
            long pid = consumer.pid().getAsLong();
            Thread.sleep(500); // let the child's start-up work (JIT, class loading) settle
            long before = cpuTicks(pid);
            long start = System.nanoTime();
            Thread.sleep(3000);
            long used = cpuTicks(pid) - before;
            double seconds = (System.nanoTime() - start) / 1e9;
            q.put("done");
            consumer.join();
            assertEquals("done", consumer.result());
            // 100 ticks a second: a spinning waiter would use about 300 here.
            assertTrue(used < 0.05 * 100 * seconds, "the blocked consumer used " + used + " ticks in " + seconds + " s");
        }

        @Test
        @DisplayName("a receiver blocked on a pipe whose only writer process is killed gets EOFException")
        void pipeEofWhenWriterKilled() throws Exception {
            Pipe pipe = context().pipe(false);
            Connection writer = pipe.writer();
            Event sent = context().event();
            Process<Void> child = context().process(() -> {
                writer.send("last words");
                sent.set();
                Thread.sleep(Long.MAX_VALUE);
            }).start();
            writer.close();
            assertTrue(sent.await(PATIENCE));
            Connection reader = pipe.reader();
            assertEquals("last words", reader.recv());
            CompletableFuture<Object> outcome = new CompletableFuture<>();
            Thread receiver = new Thread(() -> {
                try {
                    outcome.complete(reader.recv());
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            receiver.start();
            assertFalse(reader.poll(Duration.ofMillis(200)), "no end of file while the writer lives");
            child.kill();
            child.join();
            assertInstanceOf(EOFException.class, outcome.get(30, TimeUnit.SECONDS));
            assertTrue(reader.poll(), "poll reports end of file as ready");
        }

        @Test
        @DisplayName("a sender blocked on a full pipe whose only reader process is killed gets IOException")
        void pipeBrokenWhenReaderKilled() throws Exception {
            Pipe pipe = context().pipe(false);
            Connection reader = pipe.reader();
            Event attached = context().event();
            Process<Void> child = context().process(() -> {
                reader.poll();
                attached.set();
                Thread.sleep(Long.MAX_VALUE);
            }).start();
            reader.close();
            assertTrue(attached.await(PATIENCE));
            Connection writer = pipe.writer();
            CompletableFuture<Object> outcome = new CompletableFuture<>();
            Thread sender = new Thread(() -> {
                try {
                    while (true) {
                        writer.sendBytes(new byte[1000]);
                    }
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            sender.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (sender.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertFalse(outcome.isDone(), "the sender waits on the full ring");
            child.kill();
            child.join();
            assertInstanceOf(IOException.class, outcome.get(30, TimeUnit.SECONDS));
        }

        private static long cpuTicks(long pid) throws IOException {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
        }
    }
}
