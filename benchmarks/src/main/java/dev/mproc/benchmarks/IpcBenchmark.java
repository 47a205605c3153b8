package dev.mproc.benchmarks;

import dev.mproc.Context;
import dev.mproc.ContextOptions;
import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.pipe.Connection;
import dev.mproc.pipe.Pipe;
import dev.mproc.queue.Queue;
import dev.mproc.queue.SimpleQueue;
import dev.mproc.shared.Manager;
import dev.mproc.shared.SharedMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IPC workloads, mproc against CPython's {@code multiprocessing} in one run: Pipe round trip of a small object,
 * Queue and SimpleQueue 1 producer → 1 consumer, Manager map set from a child. Each runs unpinned, with parent and
 * child on one vCPU, and on two vCPUs (parent on CPU 0, child on CPU 1), because on these VMs placement decides
 * the latency floor. Rounds alternate between the two sides so noise hits both alike; medians over rounds.
 *
 * <p>Usage: {@code IpcBenchmark <python-script> [rounds=3] [scale=1.0]}; internally it re-runs itself as
 * {@code IpcBenchmark --run <workload> <n> <childCpu>} under {@code taskset} for each placement.
 */
public final class IpcBenchmark {

    private static final String[] WORKLOADS = {"pipe", "queue", "simplequeue", "manager"};
    private static final int[][] PLACEMENTS = {{-1, -1}, {0, 0}, {0, 1}};
    private static final String[] PLACEMENT_NAMES = {"unpinned", "one vCPU", "two vCPUs"};

    private IpcBenchmark() {
    }

    /**
     * @param args see the class comment
     * @throws Exception if a side fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--run")) {
            run(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            return;
        }
        Path script = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        double scale = args.length > 2 ? Double.parseDouble(args[2]) : 1.0;
        boolean taskset = Files.isExecutable(Path.of("/usr/bin/taskset"));
        Map<String, List<Double>> results = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (String w : WORKLOADS) {
                int n = (int) (size(w) * scale);
                for (int p = 0; p < PLACEMENTS.length; p++) {
                    if (p > 0 && !taskset) {
                        continue;
                    }
                    int parentCpu = PLACEMENTS[p][0];
                    int childCpu = PLACEMENTS[p][1];
                    String key = w + " | " + PLACEMENT_NAMES[p];
                    results.computeIfAbsent(key + " | mproc", k -> new ArrayList<>())
                            .add(metric(w, exec(pinned(parentCpu, javaCommand("--run", w, n, childCpu)))));
                    results.computeIfAbsent(key + " | python", k -> new ArrayList<>())
                            .add(metric(w, exec(List.of("python3", script.toString(), w, Integer.toString(n),
                                    Integer.toString(parentCpu), Integer.toString(childCpu)))));
                }
            }
        }
        System.out.printf("%nIPC workloads, median of %d interleaved rounds (%s)%n", rounds,
                "JDK " + Runtime.version().feature());
        System.out.printf("%-36s %16s %16s %10s%n", "workload | placement", "python", "mproc", "ratio");
        for (String w : WORKLOADS) {
            for (String placement : PLACEMENT_NAMES) {
                List<Double> py = results.get(w + " | " + placement + " | python");
                List<Double> mp = results.get(w + " | " + placement + " | mproc");
                if (py == null) {
                    continue;
                }
                double pyMedian = median(py);
                double mpMedian = median(mp);
                boolean latency = w.equals("pipe");
                double ratio = latency ? pyMedian / mpMedian : mpMedian / pyMedian;
                System.out.printf("%-36s %16s %16s %9.2fx%n", w + " | " + placement, format(w, pyMedian),
                        format(w, mpMedian), ratio);
            }
        }
        System.out.println("ratio: how many times better mproc is (round-trip time for pipe, rate otherwise)");
    }

    private static int size(String workload) {
        return switch (workload) {
            case "pipe" -> 20_000;
            case "manager" -> 20_000;
            default -> 200_000;
        };
    }

    private static String format(String workload, double v) {
        return workload.equals("pipe") ? String.format("%.1f µs", v / 1000) : String.format("%.0f /s", v);
    }

    /** The workload's figure from one run's output: round-trip median in ns for pipe, items per second otherwise. */
    private static double metric(String workload, String json) {
        if (workload.equals("pipe")) {
            List<Long> rt = array(json, "rt_ns");
            rt.sort(null);
            return rt.get(rt.size() / 2);
        }
        long count = number(json, workload.equals("manager") ? "ops" : "items");
        return count / (number(json, "elapsed_ns") / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static List<String> pinned(int cpu, List<String> command) {
        if (cpu < 0) {
            return command;
        }
        List<String> c = new ArrayList<>(List.of("taskset", "-c", Integer.toString(cpu)));
        c.addAll(command);
        return c;
    }

    private static List<String> javaCommand(String flag, String w, int n, int childCpu) {
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.add("--enable-native-access=ALL-UNNAMED");
        c.add("-cp");
        c.add(System.getProperty("java.class.path"));
        c.add(IpcBenchmark.class.getName());
        c.addAll(List.of(flag, w, Integer.toString(n), Integer.toString(childCpu)));
        return c;
    }

    private static String exec(List<String> command) throws IOException, InterruptedException {
        java.lang.Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("benchmark run failed: " + String.join(" ", command));
        }
        return out;
    }

    // ---- one run, in a JVM placed by the driver ------------------------------------------------------------------

    private static void run(String workload, int n, int childCpu) throws Exception {
        ContextOptions.Builder options = ContextOptions.builder();
        if (childCpu >= 0) {
            options.javaExecutable(pinnedJava(childCpu));
        }
        try (Context ctx = Mproc.context(options.build())) {
            switch (workload) {
                case "pipe" -> pipe(ctx, n);
                case "queue" -> {
                    Queue<Integer> q = ctx.queue();
                    throughput(ctx, n, q::put, q::get);
                }
                case "simplequeue" -> {
                    SimpleQueue<Integer> q = ctx.simpleQueue();
                    throughput(ctx, n, q::put, q::get);
                }
                case "manager" -> manager(ctx, n);
                default -> throw new IllegalArgumentException(workload);
            }
        }
    }

    /** A launcher that runs the child JVM on one CPU: the driver cannot pin a process it does not start. */
    static Path pinnedJava(int cpu) throws IOException {
        Path script = Files.createTempFile("mproc-bench-java-cpu" + cpu + "-", ".sh",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(script, "#!/bin/sh\nexec taskset -c " + cpu + " '"
                + Path.of(System.getProperty("java.home"), "bin", "java") + "' \"$@\"\n");
        script.toFile().deleteOnExit();
        return script;
    }

    private static void pipe(Context ctx, int n) throws Exception {
        Pipe pipe = ctx.pipe();
        Connection mine = pipe.left();
        Connection theirs = pipe.right();
        Process<Void> echo = ctx.process(() -> {
            while (true) {
                Object x = theirs.recv();
                if (x == null) {
                    break;
                }
                theirs.send(x);
            }
        }).start();
        for (int i = 0; i < Math.min(2000, n); i++) {
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
        StringBuilder json = new StringBuilder("{\"rt_ns\": [");
        for (int i = 0; i < n; i++) {
            json.append(i == 0 ? "" : ", ").append(rt[i]);
        }
        System.out.println(json.append("]}"));
    }

    /** A queue's put, shipped to the producer child. */
    @FunctionalInterface
    private interface Sink extends java.io.Serializable {
        void put(Integer item) throws Exception;
    }

    /** A queue's get, in the consuming parent. */
    @FunctionalInterface
    private interface Source {
        Integer get() throws Exception;
    }

    /** One producer child puts {@code n} items and a -1; the parent takes them and times from the first on. */
    private static void throughput(Context ctx, int n, Sink put, Source get) throws Exception {
        Process<Void> producer = ctx.process(() -> {
            for (int i = 0; i < n; i++) {
                put.put(i);
            }
            put.put(-1);
        }).start();
        get.get();
        long t0 = System.nanoTime();
        long count = 1;
        while (get.get() != -1) {
            count++;
        }
        long elapsed = System.nanoTime() - t0;
        producer.join();
        System.out.printf("{\"items\": %d, \"elapsed_ns\": %d}%n", count, elapsed);
    }

    private static void manager(Context ctx, int n) throws Exception {
        try (Manager m = ctx.manager()) {
            SharedMap<Integer, Integer> d = m.map();
            Process<Long> setter = ctx.task(() -> {
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    d.put(i % 64, i);
                }
                return System.nanoTime() - t0;
            }).start();
            setter.join();
            System.out.printf("{\"ops\": %d, \"elapsed_ns\": %d}%n", n, setter.result());
        }
    }

    // ---- tiny JSON readers for the flat objects both sides print -------------------------------------------------

    static List<Long> array(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": \\[([^\\]]*)\\]").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + key + " in " + json);
        }
        List<Long> values = new ArrayList<>();
        for (String v : m.group(1).split(",")) {
            if (!v.isBlank()) {
                values.add(Long.parseLong(v.trim()));
            }
        }
        return values;
    }

    static long number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": (\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + key + " in " + json);
        }
        return Long.parseLong(m.group(1));
    }
}
