package dev.mproc.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.Process;
import dev.mproc.queue.JoinableQueue;
import dev.mproc.queue.Queue;
import dev.mproc.queue.QueueFullException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The contract of {@link JoinableQueue}, across real processes. */
public abstract class JoinableQueueContract extends BackendCombination {

    @Test
    @DisplayName("join returns only after worker processes have called taskDone for every item")
    void joinWaitsForEveryTask() throws Exception {
        JoinableQueue<Integer> tasks = context().joinableQueue();
        Queue<Integer> results = context().queue();
        for (int i = 1; i <= 10; i++) {
            tasks.put(i);
        }
        assertFalse(tasks.join(Duration.ofMillis(100)), "no task is done yet");
        List<Process<Void>> workers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            workers.add(context().process(() -> {
                for (int x = tasks.get(); x > 0; x = tasks.get()) {
                    // The result is stored before the task is marked done: same process, same owner.
                    results.put(x * x);
                    tasks.taskDone();
                }
                tasks.taskDone();
            }).start());
        }
        tasks.join();
        List<Integer> squares = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            squares.add(results.getNowait());
        }
        squares.sort(null);
        assertEquals(IntStream.rangeClosed(1, 10).map(x -> x * x).boxed().toList(), squares);
        tasks.put(0);
        tasks.put(0);
        for (Process<Void> w : workers) {
            w.join();
            assertEquals(0, w.exitCode().getAsInt());
        }
        assertTrue(tasks.join(Duration.ofSeconds(30)));
    }

    @Test
    @DisplayName("taskDone called more times than items were put throws IllegalStateException, in any process")
    void taskDoneTooOften() throws Exception {
        JoinableQueue<String> q = context().joinableQueue();
        assertThrows(IllegalStateException.class, q::taskDone);
        q.put("one");
        Process<String> child = context().task(() -> {
            q.get();
            q.taskDone();
            try {
                q.taskDone();
                return "no exception";
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        }).start();
        child.join();
        assertTrue(child.result().contains("too many times"), child.result());
        assertTrue(q.join(Duration.ZERO), "the count stays at zero");
    }

    @Test
    @DisplayName("join with a timeout returns false while a task is unfinished, and true once none is")
    void joinWithTimeout() throws Exception {
        JoinableQueue<String> q = context().joinableQueue();
        assertTrue(q.join(Duration.ZERO));
        q.put("task");
        assertEquals("task", q.get());
        long t0 = System.nanoTime();
        assertFalse(q.join(Duration.ofMillis(200)), "taken is not done");
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(200));
        q.taskDone();
        assertTrue(q.join(Duration.ZERO));
        q.join();
        assertThrows(NullPointerException.class, () -> q.join(null));
    }

    @Test
    @DisplayName("a thread waiting in join can be interrupted")
    void joinIsInterruptible() throws Exception {
        JoinableQueue<String> q = context().joinableQueue();
        q.put("unfinished");
        Call joiner = inThread(() -> q.join());
        assertInstanceOf(InterruptedException.class, joiner.interruptAndAwait());
    }

    @Test
    @DisplayName("a bounded joinable queue is full at its capacity")
    void boundedJoinableQueue() throws Exception {
        JoinableQueue<Integer> q = context().joinableQueue(1);
        q.put(1);
        assertTrue(q.isFull());
        assertThrows(QueueFullException.class, () -> q.putNowait(2));
        assertEquals(1, q.get());
        q.taskDone();
        assertTrue(q.join(Duration.ZERO));
    }
}
