package dev.mproc.ipc.netty.internal.objects;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the promise that a process exiting normally first delivers every item it has put, and gives back the
 * items it leased and did not take ({@link QueueLease}). Posted puts are
 * written to the owner's connection before {@code put} returns, but the owner may not have read them yet when
 * the process is gone, and a parent that joined the producer would then miss items it is entitled to see. So a
 * process that posted to a queue makes one round trip to each such owner on its way out: the owner handles a
 * connection's frames in order, so its answer comes after every earlier post.
 */
final class QueueDelivery {

    /** How long an exiting process waits for an owner that does not answer (it is likely dying itself). */
    private static final long EXIT_WAIT_MS = 10_000;

    /** Each client posted to, with one queue there to make the round trip on. */
    private static final Map<ObjectClient, Long> POSTED = new ConcurrentHashMap<>();

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(QueueDelivery::awaitDelivery, "mproc-queue-delivery"));
        } catch (IllegalStateException alreadyExiting) {
            // A put from another shutdown hook: this process is past the point where it could wait.
        }
    }

    private QueueDelivery() {
    }

    /**
     * Records a post.
     *
     * @param client the connection it went to
     * @param objectId the queue
     */
    static void posted(ObjectClient client, long objectId) {
        if (!POSTED.containsKey(client)) {
            POSTED.putIfAbsent(client, objectId);
        }
    }

    /** Makes sure leased items go back at exit ({@link QueueLease#giveBackAll()}). */
    static void holding() {
        // Loading this class registered the hook.
    }

    private static void awaitDelivery() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EXIT_WAIT_MS);
        Thread giveBack = new Thread(QueueLease::giveBackAll, "mproc-queue-lease-give-back");
        giveBack.setDaemon(true);
        giveBack.start();
        try {
            giveBack.join(EXIT_WAIT_MS);
        } catch (InterruptedException ignored) {
            return;
        }
        for (Map.Entry<ObjectClient, Long> e : POSTED.entrySet()) {
            ObjectClient client = e.getKey();
            if (client.isClosed()) {
                continue;
            }
            // A helper thread, so that an owner that never answers cannot hold this process's exit for ever.
            Thread sync = new Thread(() -> {
                try {
                    QueueCalls.size(client, e.getValue());
                } catch (RuntimeException ignored) {
                    // Even a failure (the queue was disposed) is answered after the earlier posts.
                }
            }, "mproc-queue-delivery-sync");
            sync.setDaemon(true);
            sync.start();
            try {
                sync.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException ignored) {
                return;
            }
        }
    }
}
