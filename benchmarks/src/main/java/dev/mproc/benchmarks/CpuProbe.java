package dev.mproc.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What the machine's CPUs did against what our own processes did, read from {@code /proc}: the machine's busy
 * time from the first line of {@code /proc/stat} (user, nice, system, irq, softirq and steal: steal is a
 * neighbour on the host taking our vCPU), and the CPU time of this process and all its descendants, counting
 * children they have already reaped ({@code utime + stime + cutime + cstime} of each). Both in clock ticks
 * ({@code USER_HZ}, 100 on Linux). The difference between two probes, over the wall time between them, is the
 * foreign load: CPU other programs took while we measured. {@code mp_bench.py} probes the same way.
 *
 * @param wallNanos {@link System#nanoTime()} when probed
 * @param busyTicks the machine's busy ticks, all CPUs
 * @param ownTicks the ticks of this process tree
 */
record CpuProbe(long wallNanos, long busyTicks, long ownTicks) {

    /** Linux's USER_HZ on every architecture we run on. */
    static final int TICKS_PER_SECOND = 100;

    static CpuProbe take() {
        return new CpuProbe(System.nanoTime(), readBusyTicks(), readOwnTicks());
    }

    /** Whether {@code /proc} can be read here; elsewhere probes read zero and nothing is ever marked. */
    static boolean available() {
        return Files.isReadable(Path.of("/proc/stat"));
    }

    private static long readBusyTicks() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            String[] f = lines.findFirst().orElse("cpu").trim().split("\\s+");
            long busy = 0;
            // cpu user nice system idle iowait irq softirq steal guest guest_nice (guest time is inside user)
            int[] busyFields = {1, 2, 3, 6, 7, 8};
            for (int i : busyFields) {
                if (i < f.length) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long readOwnTicks() {
        ProcessHandle self = ProcessHandle.current();
        long ticks = processTicks(self.pid());
        try (Stream<ProcessHandle> descendants = self.descendants()) {
            ticks += descendants.mapToLong(p -> processTicks(p.pid())).sum();
        }
        return ticks;
    }

    /** utime + stime + cutime + cstime of one process; 0 when it has gone meanwhile. */
    static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // After the command name in parentheses: state is field 3; utime, stime, cutime, cstime are 14 to 17.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * The JSON fields a measurement line carries, from this probe to a later one.
     *
     * @param end the later probe
     * @return {@code "wall_ns": …, "busy_ticks": …, "own_ticks": …, "ticks_per_s": 100}
     */
    String fieldsTo(CpuProbe end) {
        return String.format("\"wall_ns\": %d, \"busy_ticks\": %d, \"own_ticks\": %d, \"ticks_per_s\": %d",
                end.wallNanos - wallNanos, end.busyTicks - busyTicks, end.ownTicks - ownTicks, TICKS_PER_SECOND);
    }
}
