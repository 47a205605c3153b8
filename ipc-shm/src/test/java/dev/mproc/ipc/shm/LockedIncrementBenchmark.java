package dev.mproc.ipc.shm;

import dev.mproc.Context;
import dev.mproc.ContextOptions;
import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.shared.IntValue;
import dev.mproc.sync.Barrier;
import dev.mproc.sync.Held;
import dev.mproc.sync.RLock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An indicative measurement, not a test: two child processes each make {@code n} increments of an {@link IntValue}
 * under its own lock, Python's {@code with v.get_lock(): v.value += 1}, for several rounds (the first ones warm
 * the children up). Prints the rate of each round in increments per second of both processes together.
 *
 * <p>Run: {@code java -cp <ipc-shm test class path> dev.mproc.ipc.shm.LockedIncrementBenchmark [n] [rounds]
 * [spawn backend]}.
 */
// A Held exists to be closed by try-with-resources; its body never needs to name it.
@SuppressWarnings("try")
public final class LockedIncrementBenchmark {

    private LockedIncrementBenchmark() {
    }

    /**
     * @param args {@code [increments per process per round] [rounds] [spawn backend]}
     * @throws Exception if a child fails
     */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        String spawn = args.length > 2 ? args[2] : "processbuilder";
        try (Context ctx = Mproc.context(ContextOptions.builder().spawnBackend(spawn).ipcBackend("shm")
                .jvmOptions(ContextOptions.PEAK_PERFORMANCE_JVM_OPTIONS).build())) {
            IntValue counter = ctx.intValue(0);
            Barrier barrier = ctx.barrier(3);
            List<Process<Void>> children = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                children.add(ctx.process(() -> {
                    RLock lock = counter.lock().orElseThrow();
                    for (int r = 0; r < rounds; r++) {
                        barrier.await();
                        for (int i = 0; i < n; i++) {
                            try (Held held = lock.hold()) {
                                counter.set(counter.get() + 1);
                            }
                        }
                        barrier.await();
                    }
                }).start());
            }
            double[] rates = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                barrier.await();
                long t0 = System.nanoTime();
                barrier.await();
                long t1 = System.nanoTime();
                rates[r] = 2.0 * n / ((t1 - t0) / 1e9);
                System.out.printf("round %d: %.2f M increments/s%n", r, rates[r] / 1e6);
            }
            for (Process<Void> p : children) {
                p.join();
            }
            if (counter.get() != 2 * n * rounds) {
                throw new AssertionError("lost updates: " + counter.get() + " of " + 2 * n * rounds);
            }
            double[] warm = Arrays.copyOfRange(rates, Math.min(2, rounds - 1), rounds);
            Arrays.sort(warm);
            System.out.printf("2 processes × %d locked increments: median %.2f M/s, best %.2f M/s (after warm-up)%n",
                    n, warm[warm.length / 2] / 1e6, warm[warm.length - 1] / 1e6);
        }
    }
}
