package dev.mproc.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a process's state letter from {@code /proc/<pid>/stat} (R, S, D, Z, ...), for processes we did not start. */
public final class ProcStat {

    private ProcStat() {
    }

    /**
     * @param pid a process id
     * @return the state letter, or {@code null} if no such process exists
     */
    public static String state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name is in parentheses and may itself contain spaces or parentheses.
            int close = stat.lastIndexOf(')');
            return stat.substring(close + 2, close + 3);
        } catch (IOException e) {
            return null;
        }
    }
}
