package dev.mproc.ipc.shm.internal.ring;

import dev.mproc.ipc.shm.internal.Futex;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * Sleeps on a futex word on behalf of the calling thread, which parks meanwhile.
 *
 * <p>Why a helper thread: a thread inside the {@code futex} system call is {@code RUNNABLE} to Java and deaf to
 * {@link Thread#interrupt()} until the call returns. Parking the caller while a pooled helper thread sleeps in
 * the kernel makes a blocked queue or pipe call look like every other blocked Java call ({@code WAITING}, which
 * tools and tests rely on) and answer an interrupt at once instead of at the end of the slice. The cost, a
 * hand-off to the helper and an unpark back, is paid only after spinning failed, on the way to a sleep of at
 * least tens of microseconds anyway.
 */
final class Sleeper {

    private static final ExecutorService HELPERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mproc-shm-sleeper");
        t.setDaemon(true);
        return t;
    });

    private Sleeper() {
    }

    /** One sleep: the helper sets {@code done} and unparks the caller when the kernel returns. */
    private static final class Sleep implements Runnable {
        private final Thread caller = Thread.currentThread();
        private final long address;
        private final int expected;
        private final long nanos;
        private volatile boolean done;

        Sleep(long address, int expected, long nanos) {
            this.address = address;
            this.expected = expected;
            this.nanos = nanos;
        }

        @Override
        public void run() {
            try {
                Futex.await(address, expected, nanos);
            } catch (InterruptedException | RuntimeException e) {
                // Helpers are never interrupted; a failed wait only ends the slice early, and the caller re-checks.
            } finally {
                done = true;
                LockSupport.unpark(caller);
            }
        }
    }

    /**
     * Sleeps while the word holds {@code expected}, at most {@code nanos}; the word's memory must stay mapped,
     * which the caller's region guarantees.
     *
     * @param address the futex word's address in this process
     * @param expected the value seen, waiter bit included
     * @param nanos the longest sleep
     * @throws InterruptedException if the caller is interrupted before or during the sleep; the helper then
     *     finishes its slice alone, harmlessly
     */
    static void sleep(long address, int expected, long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Sleep s = new Sleep(address, expected, nanos);
        HELPERS.execute(s);
        while (!s.done) {
            LockSupport.park(s);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
