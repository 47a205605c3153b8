package dev.mproc.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.pool.AsyncResult;
import dev.mproc.pool.Pool;
import dev.mproc.pool.PoolOptions;
import dev.mproc.pool.PoolTaskException;
import dev.mproc.pool.WorkerDiedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The contract of {@link Pool}, with real worker processes. One 2-worker pool serves most tests. */
public abstract class PoolContract extends BackendCombination {

    private Pool pool;

    /** Set in the workers by the initializer, read by tasks. */
    static int initialized;

    @BeforeAll
    void startPool() {
        pool = context().pool(PoolOptions.builder().processes(2).initializer(() -> initialized++).build());
    }

    @AfterAll
    void stopPool() throws InterruptedException {
        pool.terminate();
        pool.join();
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    @Test
    @DisplayName("apply runs a task in a worker and returns its result")
    void apply() throws Exception {
        long parent = ProcessHandle.current().pid();
        long worker = pool.apply(() -> ProcessHandle.current().pid());
        assertFalse(worker == parent);
        assertTrue(pool.workerPids().contains(worker));
        assertEquals(25, pool.apply(() -> 5 * 5));
    }

    @Test
    @DisplayName("applyAsync: get, get with a timeout, ready and successful")
    void applyAsync() throws Exception {
        dev.mproc.sync.Event go = context().event();
        AsyncResult<Integer> r = pool.applyAsync(() -> {
            go.await();
            return 49;
        });
        assertFalse(r.ready());
        assertThrows(IllegalStateException.class, r::successful);
        assertThrows(TimeoutException.class, () -> r.get(Duration.ofMillis(100)));
        assertFalse(r.await(Duration.ofMillis(10)));
        go.set();
        assertEquals(49, r.get());
        assertTrue(r.ready());
        assertTrue(r.successful());
        assertEquals(49, r.toCompletableFuture().get(5, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("a task's exception reaches the caller with its type, message and the worker's stack trace; the "
            + "worker survives")
    void exceptionsKeepTypeAndStack() throws Exception {
        AsyncResult<Integer> r = pool.applyAsync(() -> {
            throw new IllegalArgumentException("no 42");
        });
        ExecutionException e = assertThrows(ExecutionException.class, r::get);
        IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertEquals("no 42", cause.getMessage());
        assertTrue(List.of(cause.getStackTrace()).stream()
                .anyMatch(f -> f.getClassName().startsWith(PoolContract.class.getName())));
        assertFalse(r.successful());
        PoolTaskException direct = assertThrows(PoolTaskException.class, () -> pool.apply(() -> {
            throw new IllegalStateException("direct");
        }));
        assertInstanceOf(IllegalStateException.class, direct.getCause());
        assertEquals(3, pool.apply(() -> 3), "the pool still serves");
    }

    @Test
    @DisplayName("success and error callbacks each fire exactly once, before the result turns ready")
    void callbacks() throws Exception {
        List<Object> seen = new CopyOnWriteArrayList<>();
        AsyncResult<Integer> ok = pool.applyAsync(() -> 7, seen::add, seen::add);
        AsyncResult<Integer> bad = pool.applyAsync(() -> {
            throw new ArithmeticException("x");
        }, seen::add, seen::add);
        ok.get();
        assertThrows(ExecutionException.class, bad::get);
        assertEquals(2, seen.size(), String.valueOf(seen));
        assertTrue(seen.contains(7));
        assertTrue(seen.stream().anyMatch(o -> o instanceof ArithmeticException));
        List<List<Integer>> lists = new CopyOnWriteArrayList<>();
        pool.<Integer, Integer>mapAsync(x -> x + 1, range(10), 3, lists::add, null).get();
        assertEquals(List.of(range(10).stream().map(x -> x + 1).collect(Collectors.toList())), lists);
    }

    @Test
    @DisplayName("map returns results in input order: empty, small and 100 000 items, chunk size 1 and large")
    void mapOrder() throws Exception {
        assertEquals(List.of(), pool.map(x -> x, List.of()));
        assertEquals(List.of(0, 1, 4, 9, 16), pool.map((Integer x) -> x * x, range(5)));
        List<Integer> big = range(100_000);
        List<Long> expected = big.stream().map(x -> (long) x * x).collect(Collectors.toList());
        assertEquals(expected, pool.map((Integer x) -> (long) x * x, big));
        assertEquals(expected.subList(0, 500), pool.map((Integer x) -> (long) x * x, big.subList(0, 500), 1));
        assertEquals(expected, pool.map((Integer x) -> (long) x * x, big, 40_000));
        assertThrows(IllegalArgumentException.class, () -> pool.map(x -> x, range(3), 0));
    }

    @Test
    @DisplayName("map hands every argument and result over with its value and class: ints, longs, doubles, strings, "
            + "nulls and mixed lists alike")
    void mapKeepsTypes() throws Exception {
        List<Object> mixed = new ArrayList<>(List.of(1, 2L, 3.5, "four", 'c', List.of(6)));
        mixed.add(null);
        assertEquals(mixed, pool.map(x -> x, mixed, 3));
        assertEquals(List.of("1", "2", "3"), pool.map((Integer x) -> Integer.toString(x), range(4).subList(1, 4)));
        assertEquals(List.of(-1L, Long.MAX_VALUE), pool.map((Long x) -> x, List.of(-1L, Long.MAX_VALUE)));
        assertEquals(List.of(0.5, -0.0), pool.map((Double x) -> x / 2, List.of(1.0, -0.0)));
        assertEquals(List.of("A", "É", "𝄞"), pool.map((String s) -> s.toUpperCase(java.util.Locale.ROOT),
                List.of("a", "é", "𝄞")));
        List<Object> someNull = pool.map((Integer x) -> x % 2 == 0 ? x : null, range(6), 6);
        assertEquals(java.util.Arrays.asList(0, null, 2, null, 4, null), someNull);
        List<Object> sometimesLong = pool.map((Integer x) -> x == 2 ? (Object) 2L : (Object) x, range(4), 4);
        assertEquals(List.of(0, 1, 2L, 3), sometimesLong);
        assertEquals(Long.class, sometimesLong.get(2).getClass());
    }

    @Test
    @DisplayName("map's result is a fresh, modifiable ArrayList")
    void mapResultIsAnArrayList() throws Exception {
        List<Integer> result = pool.map((Integer x) -> x + 1, range(1000));
        assertEquals(ArrayList.class, result.getClass());
        result.add(-1);
        result.set(0, 42);
        assertEquals(1001, result.size());
        assertEquals(42, result.get(0));
    }

    @Test
    @DisplayName("map with maxTasksPerChild splits chunks to fit each worker's quota and keeps input order")
    void mapSplitsChunksForMaxTasksPerChild() throws Exception {
        Pool fresh = context().pool(PoolOptions.builder().processes(2).maxTasksPerChild(7).build());
        try {
            List<Integer> ints = fresh.map((Integer x) -> x * 3, range(40), 10);
            assertEquals(range(40).stream().map(x -> x * 3).collect(Collectors.toList()), ints);
            List<String> strings = fresh.map((String s) -> s + "!", List.of("a", "b", "c", "d", "e", "f", "g", "h",
                    "i", "j"), 10);
            assertEquals(List.of("a!", "b!", "c!", "d!", "e!", "f!", "g!", "h!", "i!", "j!"), strings);
        } finally {
            fresh.close();
            fresh.join();
        }
    }

    @Test
    @DisplayName("map with a failing item fails after every item ran, with the first failure")
    void mapFailure() {
        PoolTaskException e = assertThrows(PoolTaskException.class, () -> pool.map((Integer x) -> {
            if (x == 13) {
                throw new IllegalStateException("unlucky " + x);
            }
            return x;
        }, range(50), 5));
        assertEquals("unlucky 13", e.getCause().getMessage());
    }

    @Test
    @DisplayName("imap yields in input order, imapUnordered yields each result exactly once")
    void imap() throws Exception {
        List<Integer> ordered = new ArrayList<>();
        pool.imap((Integer x) -> x * 2, range(1000), 7).forEachRemaining(ordered::add);
        assertEquals(range(1000).stream().map(x -> x * 2).collect(Collectors.toList()), ordered);
        List<Integer> unordered = new ArrayList<>();
        pool.imapUnordered((Integer x) -> x * 2, range(1000), 3).forEachRemaining(unordered::add);
        Collections.sort(unordered);
        assertEquals(ordered, unordered);
        assertFalse(pool.imap(x -> x, List.of(), 1).hasNext());
        assertThrows(IllegalArgumentException.class, () -> pool.imap(x -> x, range(3), 0));
        Iterator<Integer> failing = pool.imap((Integer x) -> {
            if (x == 3) {
                throw new IllegalStateException("three");
            }
            return x;
        }, range(5), 1);
        assertEquals(0, failing.next());
        assertEquals(1, failing.next());
        assertEquals(2, failing.next());
        assertThrows(PoolTaskException.class, failing::next);
        assertEquals(4, failing.next());
    }

    @Test
    @DisplayName("starmap passes several arguments per call")
    void starmap() throws Exception {
        List<List<?>> args = List.of(List.of(1, 2), List.of(3, 4), List.of(5, 6));
        assertEquals(List.of(2, 12, 30), pool.starmap(a -> (Integer) a.get(0) * (Integer) a.get(1), args, 0));
    }

    @Test
    @DisplayName("the initializer ran exactly once in each worker before its tasks")
    void initializerRunsOncePerWorker() throws Exception {
        List<String> seen = pool.map((Integer x) -> ProcessHandle.current().pid() + ":" + initialized, range(40), 1);
        for (String s : seen) {
            assertTrue(s.endsWith(":1"), s);
        }
    }

    @Test
    @DisplayName("a progress listener sees every item of a map complete")
    void progress() throws Exception {
        ConcurrentLinkedQueue<long[]> updates = new ConcurrentLinkedQueue<>();
        pool.onProgress((done, total) -> updates.add(new long[] {done, total}));
        try {
            pool.map((Integer x) -> x, range(100), 10);
        } finally {
            pool.onProgress(null);
        }
        long[] last = updates.stream().reduce((a, b) -> b).orElseThrow();
        assertEquals(100, last[0]);
        assertEquals(100, last[1]);
    }

    @Test
    @DisplayName("maxTasksPerChild=1 gives every task a fresh worker")
    void maxTasksPerChild() throws Exception {
        Pool fresh = context().pool(PoolOptions.builder().processes(2).maxTasksPerChild(1).build());
        try {
            List<Long> pids = fresh.map((Integer x) -> ProcessHandle.current().pid(), range(6), 1);
            assertEquals(6, new HashSet<>(pids).size(), "six tasks, six worker pids: " + pids);
        } finally {
            fresh.close();
            fresh.join();
        }
    }

    @Test
    @DisplayName("a worker killed with SIGKILL mid-task fails only that task, with its pid and exit code; the pool "
            + "goes on with a new worker")
    void workerKilledMidTask() throws Exception {
        Pool p = context().pool(PoolOptions.builder().processes(2).build());
        try {
            AsyncResult<Long> doomed = p.applyAsync(() -> {
                long self = ProcessHandle.current().pid();
                new ProcessBuilder("kill", "-9", Long.toString(self)).start().waitFor();
                return self;
            });
            List<Integer> others = p.map((Integer x) -> x + 1, range(20), 1);
            assertEquals(range(20).stream().map(x -> x + 1).collect(Collectors.toList()), others);
            ExecutionException e = assertThrows(ExecutionException.class, () -> doomed.get(Duration.ofSeconds(30)));
            WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, e.getCause());
            assertEquals(-9, died.exitCode());
            assertTrue(died.pid() > 0);
            assertFalse(p.workerPids().contains(died.pid()));
            assertEquals(11, p.apply(() -> 11), "a replacement worker serves");
        } finally {
            p.terminate();
            p.join();
        }
    }

    @Test
    @DisplayName("a task that outlives the task timeout fails with TimeoutException and its worker is replaced")
    void taskTimeout() throws Exception {
        Pool p = context().pool(PoolOptions.builder().processes(1).taskTimeout(Duration.ofMillis(500)).build());
        try {
            AsyncResult<Integer> slow = p.applyAsync(() -> {
                Thread.sleep(60_000);
                return 1;
            });
            ExecutionException e = assertThrows(ExecutionException.class, () -> slow.get(Duration.ofSeconds(30)));
            assertInstanceOf(TimeoutException.class, e.getCause());
            assertEquals(2, p.apply(() -> 2));
        } finally {
            p.terminate();
            p.join();
        }
    }

    @Test
    @DisplayName("close: no new tasks, queued ones finish, join waits; join before close is an error")
    void closeAndJoin() throws Exception {
        Pool p = context().pool(PoolOptions.builder().processes(2).build());
        IllegalStateException running = assertThrows(IllegalStateException.class, p::join);
        assertEquals("Pool is still running", running.getMessage());
        AsyncResult<List<Integer>> queued = p.mapAsync((Integer x) -> x * 3, range(30), 1, null, null);
        p.close();
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> p.apply(() -> 1));
        assertEquals("Pool not running", closed.getMessage());
        p.join();
        assertEquals(range(30).stream().map(x -> x * 3).collect(Collectors.toList()), queued.get());
        assertTrue(p.workerPids().isEmpty());
    }

    @Test
    @DisplayName("terminate stops the workers at once; outstanding tasks are cancelled")
    void terminate() throws Exception {
        Pool p = context().pool(PoolOptions.builder().processes(2).build());
        List<AsyncResult<Integer>> forever = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            forever.add(p.applyAsync(() -> {
                Thread.sleep(120_000);
                return 0;
            }));
        }
        Set<Long> pids = new HashSet<>(p.workerPids());
        p.terminate();
        assertTrue(p.join(Duration.ofSeconds(30)), "join returns promptly");
        for (AsyncResult<Integer> r : forever) {
            assertThrows(CancellationException.class, () -> r.get(Duration.ofSeconds(30)));
        }
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid + " gone");
        }
    }
}
