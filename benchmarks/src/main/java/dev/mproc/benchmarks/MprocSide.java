package dev.mproc.benchmarks;

import dev.mproc.Context;
import dev.mproc.ContextOptions;
import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.Task;
import dev.mproc.pipe.Connection;
import dev.mproc.pipe.Pipe;
import dev.mproc.pool.Pool;
import dev.mproc.pool.PoolOptions;
import dev.mproc.pool.ProcessPoolExecutor;
import dev.mproc.queue.Queue;
import dev.mproc.queue.SimpleQueue;
import dev.mproc.shared.IntArray;
import dev.mproc.shared.IntValue;
import dev.mproc.shared.LongValue;
import dev.mproc.shared.Manager;
import dev.mproc.shared.SharedMap;
import dev.mproc.shared.SharedMemory;
import dev.mproc.sync.Event;
import dev.mproc.sync.Lock;
import dev.mproc.sync.Semaphore;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The mproc side of {@code scripts/bench.sh all}: runs workloads of {@link Catalog} on one spawn × IPC combination
 * and prints one JSON line per workload — its figures and the {@link CpuProbe} fields of the time it took, or
 * {@code "unsupported"} when the combination lacks a primitive, or {@code "error"}. The driver ({@link Suite})
 * starts it pinned with {@code taskset} where the placement asks; its children are pinned through a launcher.
 *
 * <p>Usage: {@code MprocSide <spawn> <ipc> <parent-cpu> <child-cpu> <workload>=<size>...} (cpu -1: not pinned).
 */
public final class MprocSide {

    private static final int MIB = 1 << 20;

    private final String spawn;
    private final String ipc;
    private final int childCpu;

    private MprocSide(String spawn, String ipc, int childCpu) {
        this.spawn = spawn;
        this.ipc = ipc;
        this.childCpu = childCpu;
    }

    /**
     * @param args see the class comment
     * @throws Exception if the launcher for pinned children cannot be written
     */
    public static void main(String[] args) throws Exception {
        MprocSide side = new MprocSide(args[0], args[1], Integer.parseInt(args[3]));
        for (int i = 4; i < args.length; i++) {
            String[] w = args[i].split("=", 2);
            System.out.println(side.measure(w[0], Long.parseLong(w[1])));
            System.out.flush();
        }
    }

    private String measure(String workload, long n) {
        CpuProbe before = CpuProbe.take();
        Map<String, Double> metrics;
        try {
            metrics = run(workload, (int) n);
        } catch (UnsupportedOperationException e) {
            return "{\"workload\": " + Json.quote(workload) + ", \"unsupported\": " + Json.quote(String.valueOf(
                    e.getMessage())) + "}";
        } catch (Exception | Error e) {
            e.printStackTrace();
            return "{\"workload\": " + Json.quote(workload) + ", \"error\": " + Json.quote(e.toString()) + "}";
        }
        CpuProbe after = CpuProbe.take();
        String figures = metrics.entrySet().stream()
                .map(m -> Json.quote(m.getKey()) + ": " + Json.number(m.getValue()))
                .collect(Collectors.joining(", "));
        return "{\"workload\": " + Json.quote(workload) + ", \"metrics\": {" + figures + "}, " + before.fieldsTo(after)
                + "}";
    }

    /**
     * Iterations of the same loop, in the same processes, before the measured ones (Python's side does the same):
     * enough for the JIT to compile the paths measured, as a long-running program would have them.
     */
    static int warmUp(int n) {
        return Math.max(1, n / 4);
    }

    /**
     * @param peak whether children get {@link ContextOptions#PEAK_PERFORMANCE_JVM_OPTIONS}, as the documentation
     *     advises for children that run long loops; start workloads measure the defaults, tuned for start
     */
    private ContextOptions.Builder options(boolean peak) throws Exception {
        ContextOptions.Builder o = ContextOptions.builder().spawnBackend(spawn).ipcBackend(ipc);
        if (peak) {
            o.jvmOptions(ContextOptions.PEAK_PERFORMANCE_JVM_OPTIONS);
        }
        if (childCpu >= 0) {
            o.javaExecutable(IpcBenchmark.pinnedJava(childCpu));
        }
        return o;
    }

    private Map<String, Double> run(String workload, int n) throws Exception {
        if (workload.equals("start")) {
            return start(n);
        }
        try (Context ctx = Mproc.context(options(!workload.equals("pool-create")).build())) {
            return switch (workload) {
                case "pipe-rt" -> pipeRoundTrip(ctx, n);
                case "pipe-oneway" -> one(workload, pipeOneWay(ctx, n));
                case "pipe-1mib" -> one(workload, pipeMegabytes(ctx, n));
                case "queue-1to1", "queue-4to1" -> {
                    Queue<Integer> q = ctx.queue();
                    yield one(workload, queue(ctx, n, workload.endsWith("4to1") ? 4 : 1, q::put, q::get));
                }
                case "simplequeue-1to1", "simplequeue-4to1" -> {
                    SimpleQueue<Integer> q = ctx.simpleQueue();
                    yield one(workload, queue(ctx, n, workload.endsWith("4to1") ? 4 : 1, q::put, q::get));
                }
                case "pool-map", "pool-map-chunk1", "pool-apply-async", "pool-imap-unordered" ->
                        one(workload, pool(ctx, workload.substring("pool-".length()), n));
                case "executor-submit" -> one(workload, executor(ctx, n));
                case "pool-create" -> one(workload, poolCreate(ctx));
                case "lock-increments" -> one(workload, lockIncrements(ctx, n));
                case "semaphore-handoff" -> one(workload, semaphoreHandoff(ctx, n));
                case "value-ops" -> one(workload, valueOps(ctx, n));
                case "array-ops" -> one(workload, arrayOps(ctx, n));
                case "shm" -> sharedMemory(ctx, n);
                case "manager-set", "manager-get" -> one(workload, manager(ctx, n, workload.endsWith("get")));
                default -> throw new IllegalArgumentException("unknown workload " + workload);
            };
        }
    }

    private static Map<String, Double> one(String metric, double value) {
        return Map.of(metric, value);
    }

    private static double perSecond(long count, long nanos) {
        return count / (nanos / 1e9);
    }

    // ---- process start -------------------------------------------------------------------------------------------

    private Map<String, Double> start(int n) throws Exception {
        List<Long> toRunning = new ArrayList<>();
        List<Long> startJoin = new ArrayList<>();
        List<Long> standbyRunning = new ArrayList<>();
        List<Long> standbyJoin = new ArrayList<>();
        try (Context cold = Mproc.context(options(false).build());
                Context warm = Mproc.context(options(false).standbyProcesses(1).build())) {
            cold.task(System::nanoTime).start().join(); // the first child also starts the control server
            warm.task(System::nanoTime).start().join();
            for (int i = 0; i < n; i++) {
                long[] c = StartLatencyBenchmark.startOnce(cold, false);
                toRunning.add(c[0]);
                startJoin.add(c[1]);
                long[] w = StartLatencyBenchmark.startOnce(warm, true);
                standbyRunning.add(w[0]);
                standbyJoin.add(w[1]);
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("start-running", median(toRunning));
        m.put("start-join", median(startJoin));
        m.put("start-running-standby", median(standbyRunning));
        m.put("start-join-standby", median(standbyJoin));
        return m;
    }

    private static double median(List<Long> values) {
        long[] v = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }

    // ---- pipe ----------------------------------------------------------------------------------------------------

    private static Map<String, Double> pipeRoundTrip(Context ctx, int n) throws Exception {
        Pipe pipe = ctx.pipe();
        Connection mine = pipe.left();
        Connection theirs = pipe.right();
        Process<Void> echo = ctx.process(() -> {
            for (Object x = theirs.recv(); x != null; x = theirs.recv()) {
                theirs.send(x);
            }
        }).start();
        for (int i = 0; i < warmUp(n); i++) {
            mine.send(1);
            mine.recv();
        }
        long[] rt = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            mine.send(i);
            mine.recv();
            rt[i] = System.nanoTime() - t0;
        }
        mine.send(null);
        echo.join();
        Arrays.sort(rt);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("pipe-rt", (double) rt[n / 2]);
        m.put("pipe-rt-p99", (double) rt[(int) Math.min(n - 1, Math.round(n * 0.99))]);
        return m;
    }

    /** A start gate: producers say they are ready, then all start at once when the parent opens it. */
    private record Gate(Semaphore ready, Event go) implements Serializable {
        private static final long serialVersionUID = 1L;

        static Gate create(Context ctx) {
            return new Gate(ctx.semaphore(0), ctx.event());
        }

        void pass() throws InterruptedException {
            ready.release();
            go.await();
        }

        /** Waits for {@code parties} producers, opens the gate, and returns the time it opened. */
        long open(int parties) throws InterruptedException {
            for (int i = 0; i < parties; i++) {
                ready.acquire();
            }
            long t0 = System.nanoTime();
            go.set();
            return t0;
        }
    }

    private static double pipeOneWay(Context ctx, int n) throws Exception {
        Pipe pipe = ctx.pipe(false);
        Connection reader = pipe.reader();
        Connection writer = pipe.writer();
        Gate gate = Gate.create(ctx);
        int warm = warmUp(n);
        Process<Void> child = ctx.process(() -> {
            for (int i = 0; i < warm; i++) {
                writer.send(i);
            }
            gate.pass();
            for (int i = 0; i < n; i++) {
                writer.send(i);
            }
            writer.send(null);
        }).start();
        for (int i = 0; i < warm; i++) {
            reader.recv();
        }
        long t0 = gate.open(1);
        long count = 0;
        while (reader.recv() != null) {
            count++;
        }
        long elapsed = System.nanoTime() - t0;
        child.join();
        return perSecond(count, elapsed);
    }

    private static double pipeMegabytes(Context ctx, int n) throws Exception {
        Pipe pipe = ctx.pipe(false);
        Connection reader = pipe.reader();
        Connection writer = pipe.writer();
        Gate gate = Gate.create(ctx);
        int warm = warmUp(n);
        Process<Void> child = ctx.process(() -> {
            byte[] message = new byte[MIB];
            Arrays.fill(message, (byte) 7);
            for (int i = 0; i < warm; i++) {
                writer.sendBytes(message);
            }
            gate.pass();
            for (int i = 0; i < n; i++) {
                writer.sendBytes(message);
            }
        }).start();
        for (int i = 0; i < warm; i++) {
            reader.recvBytes();
        }
        long t0 = gate.open(1);
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            bytes += reader.recvBytes().length;
        }
        long elapsed = System.nanoTime() - t0;
        child.join();
        return perSecond(bytes, elapsed);
    }

    // ---- queues --------------------------------------------------------------------------------------------------

    /** A queue's put, shipped to the producers. */
    @FunctionalInterface
    private interface Sink extends Serializable {
        void put(Integer item) throws Exception;
    }

    /** A queue's get, in the consuming parent. */
    @FunctionalInterface
    private interface Source {
        Integer get() throws Exception;
    }

    /**
     * {@code producers} children put {@code n} items in all, each ending with a -1; the parent takes them all.
     * Before the gate each puts its share of the warm-up, which the parent takes before it opens the gate.
     */
    private static double queue(Context ctx, int n, int producers, Sink put, Source get) throws Exception {
        Gate gate = Gate.create(ctx);
        int each = n / producers;
        int warm = warmUp(each);
        List<Process<Void>> children = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            children.add(ctx.process(() -> {
                for (int i = 0; i < warm; i++) {
                    put.put(i);
                }
                gate.pass();
                for (int i = 0; i < each; i++) {
                    put.put(i);
                }
                put.put(-1);
            }).start());
        }
        for (int i = 0; i < warm * producers; i++) {
            get.get();
        }
        long t0 = gate.open(producers);
        long count = 0;
        for (int ended = 0; ended < producers; ) {
            if (get.get() == -1) {
                ended++;
            } else {
                count++;
            }
        }
        long elapsed = System.nanoTime() - t0;
        for (Process<Void> c : children) {
            c.join();
        }
        return perSecond(count, elapsed);
    }

    // ---- pool and executor ---------------------------------------------------------------------------------------

    private static double pool(Context ctx, String w, int n) throws Exception {
        Pool p = ctx.pool(PoolOptions.builder().processes(2).build());
        try {
            List<Integer> inputs = IntStream.range(0, n).boxed().collect(Collectors.toList());
            // Warm-up on a fifth of the inputs: the workers' JIT compiles the path measured (CPython has no JIT).
            PoolBenchmark.run(p, w, inputs.subList(0, Math.max(1, n / 5)));
            long t0 = System.nanoTime();
            PoolBenchmark.run(p, w, inputs);
            return perSecond(n, System.nanoTime() - t0);
        } finally {
            p.terminate();
            p.join();
        }
    }

    private static double executor(Context ctx, int n) throws Exception {
        try (ProcessPoolExecutor ex = ctx.executor(2)) {
            Task<Integer> trivial = () -> 1;
            submitAll(ex, trivial, Math.max(1, n / 5));
            long t0 = System.nanoTime();
            submitAll(ex, trivial, n);
            return perSecond(n, System.nanoTime() - t0);
        }
    }

    private static void submitAll(ProcessPoolExecutor ex, Task<Integer> task, int n) throws Exception {
        List<Future<Integer>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            futures.add(ex.submit(task));
        }
        for (Future<Integer> f : futures) {
            f.get();
        }
    }

    private static double poolCreate(Context ctx) throws Exception {
        long t0 = System.nanoTime();
        Pool p = ctx.pool(PoolOptions.builder().processes(2).build());
        p.apply(() -> 1);
        p.close();
        p.join();
        return System.nanoTime() - t0;
    }

    // ---- synchronizers -------------------------------------------------------------------------------------------

    private static double lockIncrements(Context ctx, int n) throws Exception {
        Lock lock = ctx.lock();
        LongValue counter = ctx.longValue(0, false);
        Gate gate = Gate.create(ctx);
        int warm = warmUp(n);
        List<Process<long[]>> workers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            workers.add(ctx.task(() -> {
                for (int i = 0; i < warm; i++) {
                    lock.acquire();
                    try {
                        counter.set(counter.get() + 1);
                    } finally {
                        lock.release();
                    }
                }
                gate.pass();
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    lock.acquire();
                    try {
                        counter.set(counter.get() + 1);
                    } finally {
                        lock.release();
                    }
                }
                return new long[] {t0, System.nanoTime()};
            }).start());
        }
        gate.open(2);
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Process<long[]> w : workers) {
            w.join();
            long[] span = w.result();
            if (span == null) {
                throw new IllegalStateException("lock worker failed: " + w.failure());
            }
            first = Math.min(first, span[0]);
            last = Math.max(last, span[1]);
        }
        if (counter.get() != 2L * (n + warm)) {
            throw new IllegalStateException("lost increments: " + counter.get() + " of " + 2L * (n + warm));
        }
        return perSecond(2L * n, last - first);
    }

    private static double semaphoreHandoff(Context ctx, int n) throws Exception {
        Semaphore ping = ctx.semaphore(0);
        Semaphore pong = ctx.semaphore(0);
        int warm = warmUp(n);
        Process<Void> child = ctx.process(() -> {
            for (int i = 0; i < warm + n; i++) {
                ping.acquire();
                pong.release();
            }
        }).start();
        for (int i = 0; i < warm; i++) {
            ping.release();
            pong.acquire();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ping.release();
            pong.acquire();
        }
        long elapsed = System.nanoTime() - t0;
        child.join();
        return perSecond(2L * n, elapsed); // two handoffs per round trip
    }

    // ---- shared values, arrays, memory ---------------------------------------------------------------------------

    private static double valueOps(Context ctx, int n) throws Exception {
        IntValue v = ctx.intValue(0);
        int warm = warmUp(n);
        Process<Long> child = ctx.task(() -> {
            for (int i = 0; i < warm; i++) {
                v.set(v.get() + 1);
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                v.set(v.get() + 1);
            }
            return System.nanoTime() - t0;
        }).start();
        child.join();
        return perSecond(2L * n, elapsedOf(child));
    }

    private static double arrayOps(Context ctx, int n) throws Exception {
        IntArray a = ctx.intArray(1000);
        int warm = warmUp(n);
        Process<Long> child = ctx.task(() -> {
            long sum = 0;
            for (int i = 0; i < warm; i++) {
                a.set(i % 1000, i);
                sum += a.get(i % 1000);
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                a.set(i % 1000, i);
                sum += a.get(i % 1000);
            }
            long elapsed = System.nanoTime() - t0;
            return sum == Long.MIN_VALUE ? 0 : elapsed;
        }).start();
        child.join();
        return perSecond(2L * n, elapsedOf(child));
    }

    private static long elapsedOf(Process<Long> child) {
        Long elapsed = child.result();
        if (elapsed == null) {
            throw new IllegalStateException("child failed: " + child.failure());
        }
        return elapsed;
    }

    /** The child attaches to a segment of {@code mib} MiB, fills it with 1 MiB copies, then reads it back. */
    private static Map<String, Double> sharedMemory(Context ctx, int mib) throws Exception {
        try (SharedMemory shm = ctx.sharedMemory((long) mib * MIB)) {
            Process<long[]> child = ctx.task(() -> {
                byte[] chunk = new byte[MIB];
                Arrays.fill(chunk, (byte) 1);
                ByteBuffer b = shm.buffer();
                long t0 = System.nanoTime();
                for (int i = 0; i < mib; i++) {
                    b.put(chunk);
                }
                long t1 = System.nanoTime();
                b.position(0);
                for (int i = 0; i < mib; i++) {
                    b.get(chunk);
                }
                long t2 = System.nanoTime();
                return new long[] {t1 - t0, t2 - t1, chunk[MIB - 1]};
            }).start();
            child.join();
            long[] r = child.result();
            if (r == null) {
                throw new IllegalStateException("child failed: " + child.failure());
            }
            shm.unlink();
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("shm-write", perSecond((long) mib * MIB, r[0]));
            m.put("shm-read", perSecond((long) mib * MIB, r[1]));
            return m;
        }
    }

    // ---- manager -------------------------------------------------------------------------------------------------

    private static double manager(Context ctx, int n, boolean get) throws Exception {
        try (Manager m = ctx.manager()) {
            SharedMap<Integer, Integer> d = m.map();
            for (int k = 0; k < 64; k++) {
                d.put(k, k);
            }
            int warm = warmUp(n);
            Process<Long> child = ctx.task(() -> {
                long sum = 0;
                for (int i = 0; i < warm; i++) {
                    if (get) {
                        sum += d.get(i % 64);
                    } else {
                        d.put(i % 64, i);
                    }
                }
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    if (get) {
                        sum += d.get(i % 64);
                    } else {
                        d.put(i % 64, i);
                    }
                }
                long elapsed = System.nanoTime() - t0;
                return sum < 0 ? 0 : elapsed;
            }).start();
            child.join();
            return perSecond(n, elapsedOf(child));
        }
    }
}
