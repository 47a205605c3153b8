package dev.mproc;

import java.util.Objects;

/**
 * Identity of a process as {@link Mproc#currentProcess()} and {@link Mproc#parentProcess()} report it.
 *
 * @param name the process name: {@code "MainProcess"} for a JVM not started by mproc, else the name its
 *     parent gave it (by default {@code Process-N}, nested as {@code Process-1:2})
 * @param pid the operating system's process id
 * @param daemon whether the process is a daemon child (which may not start children)
 */
public record ProcessInfo(String name, long pid, boolean daemon) {

    /** Checks the name. */
    public ProcessInfo {
        Objects.requireNonNull(name, "name");
    }

    /**
     * Whether the process still runs, as the operating system sees it now.
     *
     * @return {@code true} if a process with this pid exists and has not ended
     */
    public boolean isAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
