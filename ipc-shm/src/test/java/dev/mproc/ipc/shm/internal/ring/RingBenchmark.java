package dev.mproc.ipc.shm.internal.ring;

import dev.mproc.Context;
import dev.mproc.ContextOptions;
import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.pipe.Connection;
import dev.mproc.pipe.Pipe;
import dev.mproc.queue.Queue;
import java.io.EOFException;
import java.util.Arrays;

/**
 * An indicative measurement between two processes on the shared-memory backend: the round trip of a small object
 * through a duplex pipe (a child echoes), and items per second through a queue from a child producer to the
 * parent. Run with the test class path of ipc-shm: {@code java -cp ... dev.mproc.ipc.shm.internal.ring.RingBenchmark
 * [spawn backend]}.
 */
public final class RingBenchmark {

    private RingBenchmark() {
    }

    /**
     * @param args optional: the spawn backend (default processbuilder)
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        String spawn = args.length > 0 ? args[0] : "processbuilder";
        try (Context ctx = Mproc.context(ContextOptions.builder().spawnBackend(spawn).ipcBackend("shm")
                .jvmOptions(ContextOptions.PEAK_PERFORMANCE_JVM_OPTIONS).build())) {
            pipeRoundTrip(ctx);
            queueThroughput(ctx);
        }
    }

    private static void pipeRoundTrip(Context ctx) throws Exception {
        Pipe pipe = ctx.pipe();
        Connection childEnd = pipe.right();
        Process<Void> echo = ctx.process(() -> {
            try {
                while (true) {
                    childEnd.send(childEnd.recv());
                }
            } catch (EOFException e) {
                // done
            }
        }).start();
        childEnd.close();
        Connection parent = pipe.left();
        int warm = 200_000;
        int n = 200_000;
        for (int i = 0; i < warm; i++) {
            parent.send(i);
            parent.recv();
        }
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            parent.send(i);
            parent.recv();
            t[i] = System.nanoTime() - s;
        }
        Arrays.sort(t);
        System.out.printf("Pipe round trip (Integer, duplex, active peer): median %.2f us, p90 %.2f us, p99 %.2f us%n",
                t[n / 2] / 1e3, t[n * 9 / 10] / 1e3, t[n * 99 / 100] / 1e3);
        // A peer that had gone to sleep: one round trip after each pause.
        int m = 200;
        long[] slept = new long[m];
        for (int i = 0; i < m; i++) {
            Thread.sleep(2);
            long s = System.nanoTime();
            parent.send(i);
            parent.recv();
            slept[i] = System.nanoTime() - s;
        }
        Arrays.sort(slept);
        System.out.printf("Pipe round trip after the peer slept 2 ms: median %.1f us, p90 %.1f us%n",
                slept[m / 2] / 1e3, slept[m * 9 / 10] / 1e3);
        parent.close();
        echo.join();
    }

    private static void queueThroughput(Context ctx) throws Exception {
        for (int round = 0; round < 6; round++) {
            // Unbounded (a full ring hands items to the producer's feeder thread) and bounded by a capacity the
            // ring fills first (a full ring makes the producer wait), alternately.
            boolean bounded = round % 2 == 1;
            Queue<Integer> q = bounded ? ctx.queue(1 << 30) : ctx.queue();
            int n = 5_000_000;
            Process<Void> producer = ctx.process(() -> {
                for (int i = 0; i < n; i++) {
                    q.put(i);
                }
                q.put(-1);
            }).start();
            long first = 0;
            int count = 0;
            for (int x = q.get();; x = q.get()) {
                if (count == 0) {
                    first = System.nanoTime();
                }
                if (x < 0) {
                    break;
                }
                count++;
            }
            long elapsed = System.nanoTime() - first;
            producer.join();
            System.out.printf("Queue 1->1 (Integer, child puts, parent gets, %s), round %d: %,d items in %.0f ms"
                    + " = %.2f M items/s%n", bounded ? "bounded" : "unbounded", round, count, elapsed / 1e6,
                    count / (elapsed / 1e9) / 1e6);
        }
    }
}
