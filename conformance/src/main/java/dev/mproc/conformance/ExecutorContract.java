package dev.mproc.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.Task;
import dev.mproc.pool.ProcessPoolExecutor;
import dev.mproc.sync.Event;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The {@link ExecutorService} contract of {@link ProcessPoolExecutor}, with real worker processes. */
public abstract class ExecutorContract extends BackendCombination {

    @Test
    @DisplayName("submit runs tasks in workers; a Task lambda needs no cast")
    void submit() throws Exception {
        try (ProcessPoolExecutor ex = context().executor(2)) {
            Future<Long> pid = ex.submit(() -> ProcessHandle.current().pid());
            assertFalse(pid.get() == ProcessHandle.current().pid());
            Future<?> runnable = ex.submit((Runnable & Serializable) () -> { });
            assertEquals(null, runnable.get());
            assertEquals("done", ex.submit((Runnable & Serializable) () -> { }, "done").get());
        }
    }

    @Test
    @DisplayName("through a plain ExecutorService a non-serializable lambda is rejected with the reason")
    void nonSerializableRejected() throws Exception {
        try (ProcessPoolExecutor ex = context().executor(1)) {
            ExecutorService plain = ex;
            RejectedExecutionException e = assertThrows(RejectedExecutionException.class, () -> plain.submit(() -> 1));
            assertTrue(e.getMessage().contains("not serializable"), e.getMessage());
            Callable<Integer> serializable = (Callable<Integer> & Serializable) () -> 5;
            assertEquals(5, plain.submit(serializable).get());
        }
    }

    @Test
    @DisplayName("invokeAll returns every future done, failures included; invokeAny returns a successful result")
    void invokeAllAndAny() throws Exception {
        try (ProcessPoolExecutor ex = context().executor(2)) {
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int n = i;
                tasks.add(() -> {
                    if (n == 3) {
                        throw new IllegalStateException("three");
                    }
                    return n * 10;
                });
            }
            List<Future<Integer>> all = ex.invokeAll(tasks);
            assertEquals(6, all.size());
            for (int i = 0; i < 6; i++) {
                assertTrue(all.get(i).isDone());
                if (i == 3) {
                    int idx = i;
                    ExecutionException e = assertThrows(ExecutionException.class, () -> all.get(idx).get());
                    assertInstanceOf(IllegalStateException.class, e.getCause());
                } else {
                    assertEquals(i * 10, all.get(i).get());
                }
            }
            Task<Integer> fails = () -> {
                throw new IllegalArgumentException("no");
            };
            Task<Integer> works = () -> 99;
            assertEquals(99, ex.invokeAny(List.of(fails, works)));
            ExecutionException none = assertThrows(ExecutionException.class, () -> ex.invokeAny(List.of(fails)));
            assertInstanceOf(IllegalArgumentException.class, none.getCause());
        }
    }

    @Test
    @DisplayName("shutdownNow returns the tasks that never started, fails the running ones, and terminates")
    void shutdownNow() throws Exception {
        ProcessPoolExecutor ex = context().executor(1);
        Event started = context().event();
        Future<Integer> running = ex.submit(() -> {
            started.set();
            Thread.sleep(120_000);
            return 1;
        });
        List<Future<Integer>> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(ex.submit(() -> 2));
        }
        assertTrue(started.await(java.time.Duration.ofSeconds(30)));
        List<Runnable> never = ex.shutdownNow();
        assertTrue(never.size() >= 4, "queued tasks come back: " + never.size());
        assertTrue(ex.isShutdown());
        assertTrue(ex.awaitTermination(30, TimeUnit.SECONDS));
        assertTrue(ex.isTerminated());
        assertThrows(CancellationException.class, running::get);
        assertThrows(RejectedExecutionException.class, () -> ex.submit(() -> 3));
    }

    @Test
    @DisplayName("shutdown lets queued tasks finish; awaitTermination waits for them")
    void shutdownAndAwait() throws Exception {
        ProcessPoolExecutor ex = context().executor(2);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            futures.add(ex.submit(() -> n + 100));
        }
        assertFalse(ex.awaitTermination(10, TimeUnit.MILLISECONDS), "not shut down yet");
        ex.shutdown();
        assertTrue(ex.awaitTermination(60, TimeUnit.SECONDS));
        for (int i = 0; i < 8; i++) {
            assertEquals(i + 100, futures.get(i).get());
        }
    }
}
