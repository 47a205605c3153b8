package dev.mproc.benchmarks;

import dev.mproc.Context;
import dev.mproc.ContextOptions;
import dev.mproc.Mproc;
import dev.mproc.Process;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Child start latency, mproc against CPython's {@code multiprocessing} in the same run: {@code start()} until the
 * target runs, and {@code start()+join()} of an empty target. Rounds alternate between the two sides so machine
 * noise hits both alike.
 *
 * <p>Usage: {@code StartLatencyBenchmark <python-script> [runs=20] [rounds=4]}.
 */
public final class StartLatencyBenchmark {

    private StartLatencyBenchmark() {
    }

    /**
     * Runs the benchmark and prints a table.
     *
     * @param args the Python script's path, runs per side, rounds
     * @throws Exception if a side fails
     */
    public static void main(String[] args) throws Exception {
        Path script = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int perRound = Math.max(1, runs / rounds);
        String python = findPython();

        Map<String, List<Long>> toRunning = new LinkedHashMap<>();
        Map<String, List<Long>> startJoin = new LinkedHashMap<>();
        try (Context cold = Mproc.context(ContextOptions.builder().build());
                Context warm = Mproc.context(ContextOptions.builder().standbyProcesses(1).build())) {
            String coldName = "mproc " + cold.spawnBackend() + "×" + cold.ipcBackend() + " (JDK "
                    + Runtime.version().feature() + ")";
            String warmName = coldName + ", standby";
            // Warm-up: the first child also starts the control server; not part of a child's cost.
            cold.task(System::nanoTime).start().join();
            warm.task(System::nanoTime).start().join();
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < perRound; i++) {
                    measure(cold, coldName, toRunning, startJoin, false);
                    measure(warm, warmName, toRunning, startJoin, true);
                }
                if (python != null) {
                    for (String method : List.of("spawn", "forkserver", "fork")) {
                        String label = "python3 " + method;
                        String json = runPython(python, script, method, perRound);
                        toRunning.computeIfAbsent(label, k -> new ArrayList<>()).addAll(IpcBenchmark.array(json, "to_running_ns"));
                        startJoin.computeIfAbsent(label, k -> new ArrayList<>()).addAll(IpcBenchmark.array(json, "start_join_ns"));
                    }
                }
            }
        }
        System.out.printf("%nChild start latency, ms: median [p10, p90] of %d runs each, %d interleaved rounds%n",
                perRound * rounds, rounds);
        if (python == null) {
            System.out.println("(python3 not found: no Python column)");
        }
        System.out.printf("%-44s %-32s %-32s%n", "", "start() -> target running", "start()+join(), empty target");
        for (String side : toRunning.keySet()) {
            System.out.printf("%-44s %-32s %-32s%n", side, Stats.of(toRunning.get(side)).format(),
                    Stats.of(startJoin.get(side)).format());
        }
        if (python != null) {
            for (String mine : startJoin.keySet()) {
                if (!mine.startsWith("mproc")) {
                    continue;
                }
                for (String side : startJoin.keySet()) {
                    if (side.startsWith("python3")) {
                        System.out.printf("start+join: %s / %s = %.2f%n", mine, side,
                                Stats.of(startJoin.get(mine)).medianMs() / Stats.of(startJoin.get(side)).medianMs());
                    }
                }
            }
        }
    }

    private static void measure(Context ctx, String name, Map<String, List<Long>> toRunning,
            Map<String, List<Long>> startJoin, boolean standby) throws Exception {
        long[] t = startOnce(ctx, standby);
        toRunning.computeIfAbsent(name, k -> new ArrayList<>()).add(t[0]);
        startJoin.computeIfAbsent(name, k -> new ArrayList<>()).add(t[1]);
    }

    /**
     * One start to running, and one start+join of an empty target. With standby children, each start first waits
     * until a standby is ready ({@link Context#awaitStandby}): a standby serves one start, and its replacement
     * boots in the background.
     *
     * @param ctx the context
     * @param standby whether it keeps standby children
     * @return nanoseconds from {@code start()} to the target running, and of {@code start()+join()}
     * @throws Exception if a child fails or no standby boots within a minute
     */
    static long[] startOnce(Context ctx, boolean standby) throws Exception {
        awaitStandby(ctx, standby);
        long t0 = System.nanoTime();
        Process<Long> p = ctx.task(System::nanoTime).start();
        p.join();
        long toRunning = p.result() - t0;
        awaitStandby(ctx, standby);
        t0 = System.nanoTime();
        Process<Void> q = ctx.process(() -> {
        }).start();
        q.join();
        long startJoin = System.nanoTime() - t0;
        if (q.exitCode().orElse(-1) != 0) {
            throw new IllegalStateException("empty child failed: " + q);
        }
        return new long[] {toRunning, startJoin};
    }

    private static void awaitStandby(Context ctx, boolean standby) throws InterruptedException {
        if (standby && !ctx.awaitStandby(Duration.ofMinutes(1))) {
            throw new IllegalStateException("no standby child was ready within a minute");
        }
    }

    private static String findPython() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, "python3");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    private static String runPython(String python, Path script, String method, int runs)
            throws IOException, InterruptedException {
        java.lang.Process p = new ProcessBuilder(python, script.toString(), "start", method, Integer.toString(runs))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("python benchmark failed for " + method);
        }
        return out;
    }

}
