package dev.mproc.benchmarks;

import dev.mproc.Context;
import dev.mproc.ContextOptions;
import dev.mproc.Mproc;
import dev.mproc.pool.AsyncResult;
import dev.mproc.pool.Pool;
import dev.mproc.pool.PoolOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Pool workloads, mproc against CPython in one run, 2 workers: {@code map} of {@code x -> x * x} over 10⁶ inputs
 * (default chunk size), the same over 10⁵ with chunk size 1, {@code applyAsync} of 10⁵ trivial tasks,
 * {@code imapUnordered}, and a pool created, given one task and closed. Rounds alternate between the sides.
 *
 * <p>Usage: {@code PoolBenchmark <python-script> [rounds=3] [scale=1.0]}.
 */
public final class PoolBenchmark {

    private static final String[] WORKLOADS = {"map", "map-chunk1", "apply-async", "imap-unordered", "pool-create"};
    private static final int WORKERS = 2;

    private PoolBenchmark() {
    }

    /**
     * @param args see the class comment
     * @throws Exception if a side fails
     */
    public static void main(String[] args) throws Exception {
        Path script = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        double scale = args.length > 2 ? Double.parseDouble(args[2]) : 1.0;
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (String w : WORKLOADS) {
                int n = w.equals("pool-create") ? 1 : (int) (size(w) * scale);
                rates.computeIfAbsent(w + " | mproc", k -> new ArrayList<>()).add(mproc(w, n));
                rates.computeIfAbsent(w + " | python", k -> new ArrayList<>()).add(python(script, w, n));
            }
        }
        System.out.printf("%nPool workloads, %d workers, median of %d interleaved rounds (JDK %d)%n", WORKERS, rounds,
                Runtime.version().feature());
        System.out.printf("%-22s %18s %18s %10s%n", "workload", "python", "mproc", "ratio");
        for (String w : WORKLOADS) {
            double py = median(rates.get(w + " | python"));
            double mp = median(rates.get(w + " | mproc"));
            if (w.equals("pool-create")) {
                System.out.printf("%-22s %15.1f ms %15.1f ms %9.2fx%n", w, 1000 / py, 1000 / mp, mp / py);
            } else {
                System.out.printf("%-22s %13.0f /s %15.0f /s %9.2fx%n", w, py, mp, mp / py);
            }
        }
        System.out.println("ratio: mproc's rate over Python's (for pool-create: Python's time over mproc's)");
    }

    private static int size(String w) {
        return switch (w) {
            case "map" -> 1_000_000;
            case "imap-unordered" -> 200_000;
            default -> 100_000;
        };
    }

    private static double mproc(String w, int n) throws Exception {
        try (Context ctx = Mproc.context(ContextOptions.builder().build())) {
            if (w.equals("pool-create")) {
                long t0 = System.nanoTime();
                Pool p = ctx.pool(PoolOptions.builder().processes(WORKERS).build());
                p.apply(() -> 1);
                p.close();
                p.join();
                return 1e9 / (System.nanoTime() - t0);
            }
            Pool p = ctx.pool(PoolOptions.builder().processes(WORKERS).build());
            try {
                List<Integer> inputs = IntStream.range(0, n).boxed().collect(Collectors.toList());
                // Warm-up: the same workload on a fifth of the inputs, so that the workers' JIT has compiled the
                // path being measured (CPython has no JIT to warm).
                run(p, w, inputs.subList(0, Math.max(1, n / 5)));
                long t0 = System.nanoTime();
                run(p, w, inputs);
                return n / ((System.nanoTime() - t0) / 1e9);
            } finally {
                p.terminate();
                p.join();
            }
        }
    }

    static void run(Pool p, String w, List<Integer> inputs) throws Exception {
        int n = inputs.size();
        switch (w) {
            case "map" -> p.map((Integer x) -> x * x, inputs);
            case "map-chunk1" -> p.map((Integer x) -> x * x, inputs, 1);
            case "apply-async" -> {
                List<AsyncResult<Integer>> results = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    results.add(p.applyAsync(() -> 1));
                }
                for (AsyncResult<Integer> r : results) {
                    r.get();
                }
            }
            case "imap-unordered" -> p.imapUnordered((Integer x) -> x * x, inputs, 64).forEachRemaining(x -> { });
            default -> throw new IllegalArgumentException(w);
        }
    }

    private static double python(Path script, String w, int n) throws IOException, InterruptedException {
        java.lang.Process p = new ProcessBuilder("python3", script.toString(), w, Integer.toString(n),
                Integer.toString(WORKERS)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("python " + w + " failed");
        }
        return IpcBenchmark.number(json, "items") / (IpcBenchmark.number(json, "elapsed_ns") / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
