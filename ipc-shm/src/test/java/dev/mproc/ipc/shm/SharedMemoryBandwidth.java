package dev.mproc.ipc.shm;

import dev.mproc.Context;
import dev.mproc.ContextOptions;
import dev.mproc.Mproc;
import dev.mproc.shared.SharedMemory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;

/**
 * SharedMemory bandwidth against a plain memcpy of the same size (issue 8's target: within 80 % of memcpy). Not a
 * test: run it by hand, e.g.
 *
 * <pre>{@code
 * java --enable-native-access=ALL-UNNAMED -cp <ipc-shm test class path> dev.mproc.ipc.shm.SharedMemoryBandwidth [MiB] [rounds]
 * }</pre>
 *
 * Each row copies {@code MiB} mebibytes with one bulk {@link ByteBuffer#put(int, ByteBuffer, int, int)} (the JDK
 * turns it into a {@code memcpy}-like copy loop) and reports the median of {@code rounds} timed copies after as many
 * untimed ones; the rows take turns, copy by copy. The baseline copies between two direct buffers of the process's own memory; the shared-memory rows
 * copy out of and into a {@link SharedMemory} segment's {@link SharedMemory#buffer() view}. All buffers are touched
 * before timing, so page faults are not measured.
 */
public final class SharedMemoryBandwidth {

    private SharedMemoryBandwidth() {
    }

    /**
     * @param args size in MiB (default 64) and rounds (default 21)
     */
    public static void main(String[] args) {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 21;
        int size = mib << 20;
        try (Context ctx = Mproc.context(ContextOptions.builder().ipcBackend("shm").build());
                SharedMemory shm = ctx.sharedMemory(size)) {
            ByteBuffer a = touched(ByteBuffer.allocateDirect(size));
            ByteBuffer b = touched(ByteBuffer.allocateDirect(size));
            ByteBuffer shared = touched(shm.buffer());
            ByteBuffer heap = ByteBuffer.wrap(new byte[size]);
            touched(heap);
            // Interleaved, so that drift of the machine (other load, frequency) hits every row alike.
            ByteBuffer[][] pairs = {{b, a}, {b, shared}, {shared, a}, {heap, shared}};
            long[][] nanos = new long[pairs.length][rounds];
            for (int i = 0; i < 2 * rounds; i++) {
                for (int k = 0; k < pairs.length; k++) {
                    long t = System.nanoTime();
                    pairs[k][0].put(0, pairs[k][1], 0, size);
                    if (i >= rounds) {
                        nanos[k][i - rounds] = System.nanoTime() - t;
                    }
                }
            }
            double memcpy = median(nanos[0], size);
            double out = median(nanos[1], size);
            double in = median(nanos[2], size);
            double toHeap = median(nanos[3], size);
            System.out.printf(Locale.ROOT, "%d MiB, median of %d copies%n", mib, rounds);
            System.out.printf(Locale.ROOT, "memcpy, direct -> direct         %6.2f GB/s%n", memcpy);
            System.out.printf(Locale.ROOT, "SharedMemory -> direct           %6.2f GB/s  %5.1f %% of memcpy%n", out,
                    100 * out / memcpy);
            System.out.printf(Locale.ROOT, "direct -> SharedMemory           %6.2f GB/s  %5.1f %% of memcpy%n", in,
                    100 * in / memcpy);
            System.out.printf(Locale.ROOT, "SharedMemory -> heap byte[]      %6.2f GB/s  %5.1f %% of memcpy%n", toHeap,
                    100 * toHeap / memcpy);
            shm.unlink();
        }
    }

    private static ByteBuffer touched(ByteBuffer b) {
        for (int i = 0; i < b.capacity(); i += 4096) {
            b.put(i, (byte) i);
        }
        return b;
    }

    private static double median(long[] nanos, int size) {
        Arrays.sort(nanos);
        return size / (double) nanos[nanos.length / 2];
    }
}
