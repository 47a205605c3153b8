package dev.mproc.ipc.shm.internal.ring;

import dev.mproc.MprocException;
import dev.mproc.ipc.shm.internal.ProcessIdentity;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The outgoing path of an unbounded queue in one process, used only while the queue's ring is full: Python's
 * feeder thread, for the moments it is needed. An unbounded queue never makes a put wait for a consumer that has
 * stopped, but its ring has a finite size. A put that finds it full waits for room while consumers keep taking
 * (a window of {@link #PATIENCE_NANOS} in which nothing was taken ends the wait): a producer faster than a
 * working consumer is paced by it, as a bounded queue's would be, rather than piling up a backlog that a third
 * thread must then copy while competing with both for the processors. After such a window the item (already
 * encoded, and its task already counted on a joinable queue) goes to this process's feeder, whose thread commits
 * it as room appears. Once the feeder holds
 * an item, every later put of this process on that queue goes through it too, so a process's items keep their
 * order. A process that exits normally waits, in a shutdown hook, until its feeders have committed everything, or
 * the queue's owner has gone (the interface's "an exit may wait for the queue's storage"; the owner itself does
 * not wait, since its queues end with it); one that dies
 * abnormally loses what its feeders held, as the interface allows.
 */
final class Feeder implements Runnable {

    private static final Map<String, Feeder> FEEDERS = new ConcurrentHashMap<>();
    /** How long a put waits for room without any item being taken before it hands its item to the feeder. */
    static final long PATIENCE_NANOS = Long.getLong("mproc.shm.feederPatienceNanos", 1_000_000);
    /**
     * Items a feeder may hold before a put waits for it, by the same rule: while the feeder commits, until it holds
     * half as many; not at all while nothing is taken.
     */
    static final int HIGH_WATER = 4096;

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(Feeder::drainAll, "mproc-shm-feeder-drain"));
        } catch (IllegalStateException alreadyExiting) {
            // A put from another shutdown hook: past the point where this process could wait.
        }
    }

    private final Ring ring;
    private final Waiter.Check ownerCheck;
    private final String name;
    // Guarded by this: items waiting for the feeder thread, and how many it is committing now.
    private ArrayList<byte[]> pending = new ArrayList<>();
    private int inFlight;
    private boolean running;
    /** Items held, pending or in flight, readable without the monitor: the fast path of a put checks only this. */
    private volatile int held;
    // Guarded by this: items the feeder thread has committed, ever; whether a put waits for the backlog to shrink.
    private long committed;
    private boolean producersWait;
    /** Guarded by this: {@link #committed} when a put last waited a whole window in vain; -1 if none did. */
    private long stalledAt = -1;

    private Feeder(String name, Ring ring, Waiter.Check ownerCheck) {
        this.name = name;
        this.ring = ring;
        this.ownerCheck = ownerCheck;
    }

    /**
     * @param name the queue's segment
     * @param ring its ring
     * @param ownerCheck its owner check
     * @return this process's feeder of that queue
     */
    static Feeder of(String name, Ring ring, Waiter.Check ownerCheck) {
        return FEEDERS.computeIfAbsent(name, n -> new Feeder(n, ring, ownerCheck));
    }

    /**
     * Puts an item of an unbounded queue without waiting: into the ring if nothing of this process is held and
     * the ring has room now, else into the feeder.
     *
     * @param item the encoded item
     */
    void put(byte[] item) {
        if (held != 0) {
            synchronized (this) {
                if (held != 0) {
                    hold(item);
                    awaitBacklog();
                    return;
                }
            }
        }
        // Not under the monitor: a commit may wait briefly for the producer lock.
        if (ring.tryPut(item) || putWhileTaken(item)) {
            return;
        }
        synchronized (this) {
            hold(item);
        }
    }

    /** Waits for room while consumers keep taking; {@code false} after a window in which none took anything. */
    private boolean putWhileTaken(byte[] item) {
        boolean interrupted = Thread.interrupted();
        try {
            long seen = ring.takeCount();
            while (true) {
                if (ring.put(item, 0, item.length, System.nanoTime() + PATIENCE_NANOS, () -> false, ownerCheck)) {
                    return true;
                }
                long now = ring.takeCount();
                if (now == seen) {
                    return false;
                }
                seen = now;
            }
        } catch (InterruptedException e) {
            interrupted = true; // an unbounded put is not interrupted: the item goes to the feeder
            return false;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Under the monitor, after a put added to the backlog: past {@link #HIGH_WATER} items, waits while the feeder
     * commits, until the backlog is half as large, or a window passes in which the feeder committed nothing.
     */
    private void awaitBacklog() {
        if (held <= HIGH_WATER || committed == stalledAt) {
            return; // small, or nothing taken since a put last waited in vain: the consumers have stopped
        }
        boolean interrupted = false;
        while (held > HIGH_WATER / 2) {
            long seen = committed;
            producersWait = true;
            try {
                wait(PATIENCE_NANOS / 1_000_000, (int) (PATIENCE_NANOS % 1_000_000));
            } catch (InterruptedException e) {
                interrupted = true;
                break;
            }
            if (committed == seen) {
                stalledAt = seen;
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Under the monitor: keeps an item for the feeder thread, counting its task at once. */
    private void hold(byte[] item) {
        if (ring.joinable()) {
            ring.countTask();
        }
        pending.add(item);
        held++;
        if (!running) {
            running = true;
            Thread t = new Thread(this, "mproc-shm-feeder");
            t.setDaemon(true);
            t.start();
        }
    }

    /**
     * Commits the backlog in runs: takes everything pending at once and writes as much of it as fits with one
     * commit ({@link Ring#putRun}), so that a feeder behind a slow consumer costs a lock and a wake-up per run, not
     * per item, and the producing thread meets the monitor only for the moment of an append.
     */
    @Override
    public void run() {
        while (true) {
            ArrayList<byte[]> batch;
            synchronized (this) {
                if (pending.isEmpty()) {
                    running = false;
                    notifyAll();
                    return;
                }
                batch = pending;
                pending = new ArrayList<>();
                inFlight = batch.size();
            }
            int done = 0;
            try {
                while (done < batch.size()) {
                    done += ring.putRun(batch, done, Long.MAX_VALUE, () -> false, ownerCheck);
                    synchronized (this) {
                        // Counted down only once committed, so that a put meanwhile still sees items held.
                        int n = inFlight - (batch.size() - done);
                        held -= n;
                        committed += n;
                        inFlight = batch.size() - done;
                        if (producersWait) {
                            producersWait = false;
                            notifyAll();
                        }
                    }
                }
            } catch (InterruptedException | MprocException e) {
                // The owner has gone (or this thread was interrupted, which nothing does): the queue with it.
                synchronized (this) {
                    pending.clear();
                    inFlight = 0;
                    held = 0;
                    running = false;
                    notifyAll();
                }
                return;
            }
        }
    }

    private synchronized void drain() throws InterruptedException {
        while (running) {
            wait();
        }
    }

    private static void drainAll() {
        for (Feeder f : FEEDERS.values()) {
            if (f.ring.owner().equals(ProcessIdentity.current())) {
                continue; // the queue ends with this process: nobody could take what it would deliver
            }
            try {
                f.drain();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "Feeder[" + name + "]";
    }
}
