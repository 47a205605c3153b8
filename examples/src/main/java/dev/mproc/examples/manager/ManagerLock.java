package dev.mproc.examples.manager;

import dev.mproc.Context;
import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.Target;
import dev.mproc.shared.Manager;
import dev.mproc.shared.SharedMap;
import dev.mproc.sync.Held;
import dev.mproc.sync.Lock;

/**
 * Seed 004, 进程锁 Lock (不加锁 and 加锁): two processes add their {@code data} (100 and 200) five times each to
 * {@code count} (500) in a manager's dict, pausing 0.1 s each time; the exact total is 500 + 5 × 100 + 5 × 200 =
 * 2000. Without a lock, a read-pause-write loses the other process's updates; with a lock held around each process's
 * whole loop, the total is exact and the two processes' lines come in two blocks; {@code merge} is exact without a
 * lock. The seed's 0.1 s pause is not scaled.
 */
@SuppressWarnings("try")
public final class ManagerLock {

    static final long EXACT = 2000;

    private ManagerLock() {
    }

    /** Read, pause, write: another process's write during the pause is overwritten. */
    static void withoutLock(int data, SharedMap<Object, Long> shareData) throws InterruptedException {
        shareData.put(data, (long) data * data * data);
        for (int i = 0; i < 5; i++) {
            long count = shareData.get("count");
            Thread.sleep(100);
            shareData.put("count", count + data);
            System.out.println(String.format("share_data count is %d (pid %d)",
                    count + data, Mproc.currentProcess().pid()));
        }
    }

    static void withLock(int data, SharedMap<Object, Long> shareData, Lock lc) throws InterruptedException {
        try (Held held = lc.hold()) { // Python's lc.acquire() ... lc.release()
            withoutLock(data, shareData);
        }
    }

    static void withMerge(int data, SharedMap<Object, Long> shareData) throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            Thread.sleep(100);
            long count = shareData.merge("count", (long) data, Long::sum);
            System.out.println(String.format("share_data count is %d (pid %d)", count, Mproc.currentProcess().pid()));
        }
    }

    interface Variant {
        Target target(int data, SharedMap<Object, Long> shareData);
    }

    static long run(Context ctx, Manager manager, String title, Variant variant) throws InterruptedException {
        System.out.println("-- " + title + " --");
        SharedMap<Object, Long> processShareData = manager.map();
        processShareData.put("count", 500L);
        Process<Void> p1 = ctx.process(variant.target(100, processShareData)).start();
        Process<Void> p2 = ctx.process(variant.target(200, processShareData)).start();
        p1.join();
        p2.join();
        System.out.println(processShareData.snapshot());
        long count = processShareData.get("count");
        System.out.println(String.format("%s: count %d, %d lost to races", title, count, EXACT - count));
        return count;
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while joining
     */
    public static void main(String[] args) throws InterruptedException {
        Context ctx = Mproc.context();
        try (Manager manager = ctx.manager()) {
            run(ctx, manager, "without a lock", (data, map) -> () -> withoutLock(data, map));
            Lock lc = ctx.lock();
            run(ctx, manager, "with a lock", (data, map) -> () -> withLock(data, map, lc));
            run(ctx, manager, "with merge, no lock", (data, map) -> () -> withMerge(data, map));
        }
        System.out.println("why: get-then-put is two steps, and the other process may write in between; the lock makes"
                + " one process's five steps wait for the other's, and merge() is one atomic step");
    }
}
