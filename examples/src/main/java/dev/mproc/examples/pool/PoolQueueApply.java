package dev.mproc.examples.pool;

import dev.mproc.Context;
import dev.mproc.Mproc;
import dev.mproc.pool.Pool;
import dev.mproc.pool.PoolOptions;
import dev.mproc.queue.Queue;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 000, 进程间的通信(Pool+Queue), with {@code pool.apply}: a writer task puts the letters of {@code "WANG"} into a
 * queue, then a reader task takes them. Python must use {@code Manager().Queue()} here because a
 * {@code multiprocessing.Queue} cannot be passed to pool tasks; an mproc queue is a handle that travels inside a
 * task to any process of the program.
 */
public final class PoolQueueApply {

    static final String WORD = "WANG";

    private PoolQueueApply() {
    }

    static int writeFunc(Queue<String> queue) throws InterruptedException {
        for (char c : WORD.toCharArray()) {
            queue.put(String.valueOf(c));
            System.out.println(String.format("put: %s (worker pid %d)", c, Mproc.currentProcess().pid()));
        }
        return WORD.length();
    }

    static List<String> readFunc(Queue<String> queue) throws InterruptedException {
        List<String> result = new ArrayList<>();
        while (result.size() != WORD.length()) {
            String item = queue.get(); // blocks until an item is there, instead of the seed's busy loop on empty()
            System.out.println(String.format("get: %s (worker pid %d)", item, Mproc.currentProcess().pid()));
            result.add(item);
        }
        return result;
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting for the pool
     */
    public static void main(String[] args) throws InterruptedException {
        Context ctx = Mproc.context();
        Queue<String> queue = ctx.queue();
        try (Pool pool = ctx.pool(PoolOptions.builder().processes(3).build())) {
            int written = pool.apply(() -> writeFunc(queue));
            System.out.println("write_func returned " + written);
            List<String> read = pool.apply(() -> readFunc(queue));
            System.out.println("read_func returned " + read);
        }
        System.out.println("why: apply() waits, so the writer has put all four letters before the reader starts; the"
                + " seed's reader loops for ever (its apply never returns), this one stops after four letters");
    }
}
