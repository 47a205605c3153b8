package dev.mproc.ipc.shm.internal.stress;

import dev.mproc.ipc.shm.internal.Futex;
import dev.mproc.ipc.shm.internal.Region;
import dev.mproc.ipc.shm.internal.StressRegions;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * A mutex on one futex word (0 free, 1 locked, 2 locked with sleepers; acquire by CAS 0 to 1, else swap in 2 and
 * sleep on it; release by swapping in 0 and waking one sleeper if the old value was 2) gives mutual exclusion and
 * orders the plain writes of one critical section before the next: two actors incrementing a plain counter under
 * it never lose an update, and the lock is free afterwards.
 *
 * <pre>
 * offset  size  field
 *      0     4  WORD     the futex word
 *      8     4  COUNTER  plain int, written only under the lock
 * </pre>
 */
@JCStressTest
@Outcome(id = "2, 0", expect = Expect.ACCEPTABLE, desc = "Both increments, lock free.")
@Outcome(expect = Expect.FORBIDDEN, desc = "A lost update, or the lock left held.")
@State
public class FutexMutexStress {

    private static final int WORD = 0;
    private static final int COUNTER = 8;

    private final Region r = StressRegions.next();

    private void lock() {
        int c = r.compareAndExchangeInt(WORD, 0, 1);
        if (c == 0) {
            return;
        }
        if (c != 2) {
            c = r.getAndSetInt(WORD, 2);
        }
        while (c != 0) {
            try {
                // Bounded: the kernel sleep is not interruptible (see Futex).
                Futex.await(r.address(WORD), 2, 10_000_000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            c = r.getAndSetInt(WORD, 2);
        }
    }

    private void unlock() {
        if (r.getAndSetInt(WORD, 0) == 2) {
            Futex.wake(r.address(WORD), 1);
        }
    }

    private void increment() {
        lock();
        r.setInt(COUNTER, r.getInt(COUNTER) + 1);
        unlock();
    }

    @Actor
    public void first() {
        increment();
    }

    @Actor
    public void second() {
        increment();
    }

    @Arbiter
    public void check(II_Result result) {
        result.r1 = r.getInt(COUNTER);
        result.r2 = r.getIntVolatile(WORD);
    }
}
