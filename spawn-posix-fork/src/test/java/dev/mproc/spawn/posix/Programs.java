package dev.mproc.spawn.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines and helpers for the real processes the tests start. */
final class Programs {

    private Programs() {
    }

    /**
     * @param main a class of the test class path with a {@code main}
     * @param jvmOptions options before the main class
     * @param args the program's arguments
     * @return a command that runs it in a fresh JVM with this JVM's class path
     */
    static List<String> java(Class<?> main, List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Creates a FIFO: a rendezvous the tests use instead of sleeping. */
    static Path fifo(Path dir, String name) throws IOException, InterruptedException {
        Path fifo = dir.resolve(name);
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        return fifo;
    }

    /** @return the lines another process writes to the FIFO, read until it closes its end */
    static List<String> readAll(Path fifo) throws IOException {
        return Files.readAllLines(fifo);
    }

    /**
     * Reads fields of {@code /proc/<pid>/stat} by their number in proc(5) (3 = state, 4 = ppid, 5 = pgrp,
     * 6 = session, 19 = nice, 41 = policy).
     *
     * @return the field, or {@code null} if the process is gone
     */
    static String stat(long pid, int field) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return f[field - 3];
        } catch (IOException e) {
            return null;
        }
    }
}
