package dev.mproc.ipc.shm.internal.stress;

import dev.mproc.ipc.shm.internal.Region;
import dev.mproc.ipc.shm.internal.StressRegions;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * {@code getAndAdd} on shared counters is atomic, for an {@code int} and for a {@code long} that straddles no
 * cache line: two concurrent adds each see a distinct old value and the sum holds both (what the shared values
 * and the ring cursors count with).
 *
 * <pre>
 * offset  size  field
 *      0     4  INT_COUNTER
 *      8     8  LONG_COUNTER, starting at 2^32 - 1 so that an add carries into the high word
 * </pre>
 */
@JCStressTest
@Outcome(id = {"0, 1, 2, 2", "1, 0, 2, 2"}, expect = Expect.ACCEPTABLE, desc = "Each add saw the other's, or none.")
@Outcome(expect = Expect.FORBIDDEN, desc = "A lost or duplicated add.")
@State
public class GetAndAddStress {

    private static final int INT_COUNTER = 0;
    private static final int LONG_COUNTER = 8;
    private static final long LONG_BASE = (1L << 32) - 1;

    private final Region r;

    public GetAndAddStress() {
        r = StressRegions.next();
        r.setLong(LONG_COUNTER, LONG_BASE);
    }

    @Actor
    public void first(IIII_Result result) {
        result.r1 = r.getAndAddInt(INT_COUNTER, 1);
        r.getAndAddLong(LONG_COUNTER, 1);
    }

    @Actor
    public void second(IIII_Result result) {
        result.r2 = r.getAndAddInt(INT_COUNTER, 1);
        r.getAndAddLong(LONG_COUNTER, 1);
    }

    @Arbiter
    public void check(IIII_Result result) {
        result.r3 = r.getIntVolatile(INT_COUNTER);
        result.r4 = (int) (r.getLongVolatile(LONG_COUNTER) - LONG_BASE);
    }
}
