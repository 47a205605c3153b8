package dev.mproc.benchmarks;

import java.util.List;
import java.util.Optional;

/**
 * What {@code scripts/bench.sh all} measures: workload families, their workloads with the sizes of both modes, and
 * the figures (metrics) each workload reports. The mproc side ({@link MprocSide}) and the Python side
 * ({@code mp_bench.py suite}) implement every workload under the same name, with the same size, and print the same
 * metric names.
 */
final class Catalog {

    private Catalog() {
    }

    /** How a figure reads. */
    enum Kind {
        /** A duration in nanoseconds; lower is better. */
        TIME("lower is better"),
        /** Operations per second; higher is better. */
        RATE("higher is better"),
        /** Bytes per second; higher is better. */
        BANDWIDTH("higher is better");

        final String reading;

        Kind(String reading) {
            this.reading = reading;
        }

        boolean higherIsBetter() {
            return this != TIME;
        }
    }

    /** A family of workloads: one chart, one section of the report. */
    enum Family {
        START("start", "Process start", false),
        PIPE("pipe", "Pipe", true),
        QUEUE("queue", "Queue and SimpleQueue", true),
        POOL("pool", "Pool and executor, 2 workers", false),
        SYNC("sync", "Lock and Semaphore", true),
        SHARED("shared", "Value, Array and SharedMemory", true),
        MANAGER("manager", "Manager", true);

        final String id;
        final String title;
        /** Whether where the processes run matters: then the family also runs pinned to one and to two vCPUs. */
        final boolean placed;

        Family(String id, String title, boolean placed) {
            this.id = id;
            this.title = title;
            this.placed = placed;
        }
    }

    /** One figure of a workload: a row of the table. */
    record Metric(String id, String label, Kind kind) {
    }

    /**
     * One workload: run by one process of a side, with {@code full} or {@code quick} as its size.
     *
     * @param id the name both sides know it by
     * @param family its family
     * @param full the size in the full mode (what the issue asks for)
     * @param quick the size in the quick mode
     * @param size what the size counts, for the report
     * @param metrics the figures it reports
     */
    /**
     * The full-mode size of the streaming workloads (one-way pipe, queues). A smaller run measures the JIT, not the
     * primitive: 200 000 small items pass through mproc in under 100 ms, before the JIT has compiled the loops
     * (at 200 000 the shm Queue measured 1.5 M items/s, at 2 million 15.8 M items/s, in the same build). CPython,
     * which has no JIT, runs at the same rate either way; it takes 5–11 s per run at this size.
     */
    static final long STEADY_STATE_ITEMS = 2_000_000;

    record Workload(String id, Family family, long full, long quick, String size, List<Metric> metrics) {
        long size(boolean quickMode) {
            return quickMode ? quick : full;
        }
    }

    private static Metric time(String id, String label) {
        return new Metric(id, label, Kind.TIME);
    }

    private static Metric rate(String id, String label) {
        return new Metric(id, label, Kind.RATE);
    }

    private static Metric bandwidth(String id, String label) {
        return new Metric(id, label, Kind.BANDWIDTH);
    }

    static final List<Workload> WORKLOADS = List.of(
            new Workload("start", Family.START, 10, 3, "starts of each kind", List.of(
                    time("start-running", "start() → target running, cold (Python: spawn)"),
                    time("start-join", "start()+join(), empty target, cold (Python: spawn)"),
                    time("start-running-standby", "start() → target running, standby JVM (Python: forkserver)"),
                    time("start-join-standby", "start()+join(), empty target, standby JVM (Python: forkserver)"),
                    time("start-join-fork", "start()+join(), empty target (Python: fork; mproc has no fork)"))),
            new Workload("pipe-rt", Family.PIPE, 20_000, 1_000, "round trips", List.of(
                    time("pipe-rt", "Pipe round trip, small object, median"),
                    time("pipe-rt-p99", "Pipe round trip, small object, p99"))),
            new Workload("pipe-oneway", Family.PIPE, STEADY_STATE_ITEMS, 10_000, "messages", List.of(
                    rate("pipe-oneway", "Pipe one-way, small messages, child → parent"))),
            new Workload("pipe-1mib", Family.PIPE, 200, 40, "messages of 1 MiB", List.of(
                    bandwidth("pipe-1mib", "Pipe one-way, 1 MiB messages (sendBytes)"))),
            new Workload("queue-1to1", Family.QUEUE, STEADY_STATE_ITEMS, 10_000, "items", List.of(
                    rate("queue-1to1", "Queue, 1 producer → 1 consumer, small items"))),
            new Workload("queue-4to1", Family.QUEUE, STEADY_STATE_ITEMS, 10_000, "items in all", List.of(
                    rate("queue-4to1", "Queue, 4 producers → 1 consumer, small items"))),
            new Workload("simplequeue-1to1", Family.QUEUE, STEADY_STATE_ITEMS, 10_000, "items", List.of(
                    rate("simplequeue-1to1", "SimpleQueue, 1 producer → 1 consumer"))),
            new Workload("simplequeue-4to1", Family.QUEUE, STEADY_STATE_ITEMS, 10_000, "items in all", List.of(
                    rate("simplequeue-4to1", "SimpleQueue, 4 producers → 1 consumer"))),
            new Workload("pool-map", Family.POOL, 1_000_000, 100_000, "items", List.of(
                    rate("pool-map", "map(x*x), default chunk size"))),
            new Workload("pool-map-chunk1", Family.POOL, 100_000, 5_000, "items", List.of(
                    rate("pool-map-chunk1", "map(x*x), chunk size 1"))),
            new Workload("pool-apply-async", Family.POOL, 100_000, 5_000, "tasks", List.of(
                    rate("pool-apply-async", "applyAsync of trivial tasks"))),
            new Workload("pool-imap-unordered", Family.POOL, 200_000, 20_000, "items", List.of(
                    rate("pool-imap-unordered", "imapUnordered(x*x), chunk size 64"))),
            new Workload("executor-submit", Family.POOL, 100_000, 5_000, "tasks", List.of(
                    rate("executor-submit", "executor submit of trivial tasks (Python: ProcessPoolExecutor)"))),
            new Workload("pool-create", Family.POOL, 1, 1, "pool", List.of(
                    time("pool-create", "pool created, one task, closed"))),
            new Workload("lock-increments", Family.SYNC, 100_000, 1_000, "increments per process", List.of(
                    rate("lock-increments", "Lock: 2 processes, lock-protected increments of a Value"))),
            new Workload("semaphore-handoff", Family.SYNC, 20_000, 1_000, "round trips", List.of(
                    rate("semaphore-handoff", "Semaphore handoff between 2 processes"))),
            new Workload("value-ops", Family.SHARED, 100_000, 2_000, "get+set pairs", List.of(
                    rate("value-ops", "Value get/set from a child (with its lock)"))),
            new Workload("array-ops", Family.SHARED, 100_000, 2_000, "set+get pairs", List.of(
                    rate("array-ops", "Array element set/get from a child (with its lock)"))),
            new Workload("shm", Family.SHARED, 256, 256, "MiB", List.of(
                    bandwidth("shm-write", "SharedMemory write from a child, 256 MiB in 1 MiB copies"),
                    bandwidth("shm-read", "SharedMemory read from a child, 256 MiB in 1 MiB copies"))),
            new Workload("manager-set", Family.MANAGER, 20_000, 1_000, "operations", List.of(
                    rate("manager-set", "Manager map set from a child"))),
            new Workload("manager-get", Family.MANAGER, 20_000, 1_000, "operations", List.of(
                    rate("manager-get", "Manager map get from a child"))));

    static Optional<Workload> workload(String id) {
        return WORKLOADS.stream().filter(w -> w.id().equals(id)).findFirst();
    }

    static List<Workload> of(Family family) {
        return WORKLOADS.stream().filter(w -> w.family() == family).toList();
    }
}
