package dev.mproc.ipc.shm.internal.stress;

import dev.mproc.ipc.shm.internal.Region;
import dev.mproc.ipc.shm.internal.StressRegions;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JI_Result;

/**
 * The publication protocol of every ring and record of the backend: the writer stores a record with plain
 * writes (bulk bytes and a long), then publishes its index with {@code setLongRelease}; a reader that sees the
 * index with {@code getLongAcquire} sees the whole record, never an old or torn one.
 *
 * <pre>
 * offset  size  field
 *      0     8  INDEX    0 until published, then 1
 *      8     8  LENGTH   the record's length, plain
 *     16    40  PAYLOAD  the record's bytes, plain bulk copy
 * </pre>
 */
@JCStressTest
@Outcome(id = "0, -1", expect = Expect.ACCEPTABLE, desc = "Not published yet: the reader does not look at the record.")
@Outcome(id = "1, 40", expect = Expect.ACCEPTABLE, desc = "Published: the whole record is seen.")
@Outcome(expect = Expect.FORBIDDEN, desc = "Published index with an old or torn record.")
@State
public class ReleaseAcquirePublicationStress {

    private static final int INDEX = 0;
    private static final int LENGTH = 8;
    private static final int PAYLOAD = 16;
    private static final byte[] RECORD = new byte[40];

    static {
        for (int i = 0; i < RECORD.length; i++) {
            RECORD[i] = (byte) (0x5A ^ (i * 7 + 1));
        }
    }

    private final Region r = StressRegions.next();

    @Actor
    public void writer() {
        r.put(PAYLOAD, RECORD, 0, RECORD.length);
        r.setLong(LENGTH, RECORD.length);
        r.setLongRelease(INDEX, 1);
    }

    /** Result: the index seen, and -1 if unpublished, else how many leading bytes of the record were right. */
    @Actor
    public void reader(JI_Result result) {
        long index = r.getLongAcquire(INDEX);
        result.r1 = index;
        if (index == 0) {
            result.r2 = -1;
            return;
        }
        if (r.getLong(LENGTH) != RECORD.length) {
            result.r2 = -2;
            return;
        }
        byte[] seen = new byte[RECORD.length];
        r.get(PAYLOAD, seen, 0, seen.length);
        int ok = 0;
        while (ok < seen.length && seen[ok] == RECORD[ok]) {
            ok++;
        }
        result.r2 = ok;
    }
}
