package dev.mproc.ipc.shm.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process as the kernel tells it apart from a later one that reuses its pid: the pid and the start time, in
 * clock ticks since boot, that {@code /proc/<pid>/stat} reports (field 22). Recorded in shared structures so that
 * a waiter can tell a dead owner from a live one.
 *
 * @param pid the process id
 * @param startTicks the process's start time in clock ticks since boot
 */
public record ProcessIdentity(int pid, long startTicks) {

    private static final ProcessIdentity CURRENT = of((int) ProcessHandle.current().pid());

    /** @return this process */
    public static ProcessIdentity current() {
        return CURRENT;
    }

    /**
     * Reads a live process's identity.
     *
     * @param pid the process id
     * @return its identity, or one with start time -1 if there is no such process
     */
    public static ProcessIdentity of(int pid) {
        return new ProcessIdentity(pid, startTicks(pid));
    }

    /**
     * Tells whether this process still runs: a process with this pid exists and started at the same time. A zombie
     * counts as dead. Costs a read of {@code /proc}: keep it off fast paths.
     *
     * @return {@code true} if the process is alive
     */
    public boolean isAlive() {
        return startTicks >= 0 && startTicks(pid) == startTicks;
    }

    /** @return {@code pid-startTicks}, the form used in file names */
    @Override
    public String toString() {
        return pid + "-" + startTicks;
    }

    private static long startTicks(int pid) {
        try {
            String stat = new String(Files.readAllBytes(Path.of("/proc", Integer.toString(pid), "stat")),
                    StandardCharsets.US_ASCII);
            // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            if ("Z".equals(rest[0]) || "X".equals(rest[0])) {
                return -1;
            }
            return Long.parseLong(rest[19]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
