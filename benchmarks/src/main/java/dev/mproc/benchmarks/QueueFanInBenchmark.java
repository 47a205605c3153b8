package dev.mproc.benchmarks;

import dev.mproc.Context;
import dev.mproc.ContextOptions;
import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.queue.Queue;
import java.util.ArrayList;
import java.util.List;

/**
 * Queue throughput with P producer children and one consumer, in the queue's owner (the parent) or in a child:
 * {@code QueueFanInBenchmark <producers> <parent|child> <items per producer> [runs]}. Prints one line per run with
 * the items per second, timed from the first item taken to the last producer's end marker.
 */
public final class QueueFanInBenchmark {

    private QueueFanInBenchmark() {
    }

    /**
     * @param args producers, consumer placement, items per producer, runs
     * @throws Exception if a run fails
     */
    public static void main(String[] args) throws Exception {
        int producers = Integer.parseInt(args[0]);
        boolean childConsumer = args[1].equals("child");
        int n = Integer.parseInt(args[2]);
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        // Extra options for the children, separated by spaces (for a profiler, say).
        String extra = System.getProperty("bench.childOptions", "");
        List<String> options = new ArrayList<>(ContextOptions.DEFAULT_JVM_OPTIONS);
        if (!extra.isBlank()) {
            options.addAll(List.of(extra.trim().split(" +")));
        }
        try (Context ctx = Mproc.context(ContextOptions.builder().jvmOptions(options).build())) {
            for (int r = 0; r < runs; r++) {
                Queue<Integer> q = ctx.queue();
                List<Process<Void>> children = new ArrayList<>();
                for (int p = 0; p < producers; p++) {
                    children.add(ctx.process(() -> {
                        for (int i = 0; i < n; i++) {
                            q.put(i);
                        }
                        q.put(-1);
                    }));
                }
                long rate;
                if (childConsumer) {
                    Process<Long> consumer = ctx.task(() -> consume(q, producers)).start();
                    children.forEach(Process::start);
                    consumer.join();
                    rate = consumer.result();
                } else {
                    children.forEach(Process::start);
                    rate = consume(q, producers);
                }
                for (Process<Void> c : children) {
                    c.join();
                }
                System.out.printf("queue %d->1 consumer=%s: %,d items/s%n", producers, args[1], rate);
            }
        }
    }

    private static long consume(Queue<Integer> q, int producers) throws InterruptedException {
        q.get();
        long t0 = System.nanoTime();
        long count = 1;
        int ended = 0;
        while (ended < producers) {
            if (q.get() < 0) {
                ended++;
            } else {
                count++;
            }
        }
        return count * 1_000_000_000L / (System.nanoTime() - t0);
    }
}
