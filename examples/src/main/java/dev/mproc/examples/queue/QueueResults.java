package dev.mproc.examples.queue;

import dev.mproc.Context;
import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.queue.Queue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Seed 004, 1. 队列 Queue (队列实现数据交互): three children each put {@code {data: data**3}} into a queue; the parent
 * joins them, then takes what is there.
 */
public final class QueueResults {

    private QueueResults() {
    }

    static void processTask(int data, Queue<Map<Integer, Long>> queue) throws InterruptedException {
        System.out.println(String.format("task %d: pid %d, parent pid %d", data, Mproc.currentProcess().pid(),
                Mproc.parentProcess().orElseThrow().pid()));
        long res = (long) data * data * data;
        queue.put(Map.of(data, res));
        while (res > 0) {
            res--;
        }
        System.out.println(String.format("task %d done: pid %d", data, Mproc.currentProcess().pid()));
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while joining
     */
    public static void main(String[] args) throws InterruptedException {
        Context ctx = Mproc.context();
        Queue<Map<Integer, Long>> queue = ctx.queue();
        System.out.println(String.format("main: pid %d", Mproc.currentProcess().pid()));
        List<Process<Void>> taskList = new ArrayList<>();
        for (int v : List.of(100, 200, 300)) {
            taskList.add(ctx.process(() -> processTask(v, queue)).start());
        }
        for (Process<Void> t : taskList) {
            t.join();
        }
        for (Optional<Map<Integer, Long>> item = queue.poll(); item.isPresent(); item = queue.poll()) {
            System.out.println(item.get());
        }
        System.out.println("why: a child that ends normally first delivers what it put, so after join() all three"
                + " items are in the queue, in the order the children put them");
    }
}
