package dev.mproc.examples.queue;

import dev.mproc.Context;
import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.queue.Queue;

/**
 * Seed 004, 队列实现生产者消费者模型: a producer puts five pieces of work, the parent puts the sentinel once the
 * producer has ended, the consumer prints work until it takes the sentinel. Python's sentinel is {@code None}; mproc
 * queues refuse {@code null}, so the sentinel is a named constant.
 */
public final class QueueProducerConsumer {

    /** Tells the consumer that no more work comes (compared with equals, as it arrives as a copy). */
    static final String NO_MORE_WORK = "<no more work>";

    private QueueProducerConsumer() {
    }

    static void consumer(Queue<String> queue) throws InterruptedException {
        while (true) {
            String task = queue.get();
            if (task.equals(NO_MORE_WORK)) {
                System.out.println(String.format("consumer %d: got the sentinel, stopping",
                        Mproc.currentProcess().pid()));
                break;
            }
            System.out.println(String.format("consumer %d: %s", Mproc.currentProcess().pid(), task));
        }
    }

    static void producer(Queue<String> queue) throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            queue.put("work: " + i);
        }
        System.out.println(String.format("producer %d: put 5 pieces of work", Mproc.currentProcess().pid()));
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while joining
     */
    public static void main(String[] args) throws InterruptedException {
        Context ctx = Mproc.context();
        Queue<String> queue = ctx.queue();
        Process<Void> pT1 = ctx.process(() -> consumer(queue)).start();
        Process<Void> pT2 = ctx.process(() -> producer(queue)).start();
        pT2.join(); // the producer has put everything: only now send the end signal
        queue.put(NO_MORE_WORK);
        pT1.join();
        System.out.println(String.format("consumer exit %d, producer exit %d",
                pT1.exitCode().getAsInt(), pT2.exitCode().getAsInt()));
        System.out.println("why: the queue hands out items in the order they were put, and the sentinel goes in only"
                + " after the producer has ended, so the consumer sees all five pieces of work before it");
    }
}
