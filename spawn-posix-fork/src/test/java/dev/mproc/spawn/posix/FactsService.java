package dev.mproc.spawn.posix;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A service for the tests: writes what it finds about itself to the FIFO named by its first argument, waits to
 * be stopped, and says so on its standard output.
 */
public final class FactsService implements Service {

    /** Created by name in the detached JVM. */
    public FactsService() {
    }

    @Override
    public void run(ServiceControl control) throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        String umask = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Umask:"))
                .findFirst().orElseThrow().split(":")[1].trim();
        String facts = "pid=" + ProcessHandle.current().pid() + " ppid=" + f[1] + " pgrp=" + f[2] + " session=" + f[3]
                + " tty=" + f[4] + " umask=" + umask + " cwd=" + Files.readSymbolicLink(Path.of("/proc/self/cwd"))
                + " stdin=" + Files.readSymbolicLink(Path.of("/proc/self/fd/0")) + " args=" + control.args() + "\n";
        try (OutputStream out = Files.newOutputStream(Path.of(control.args().get(0)))) {
            out.write(facts.getBytes(StandardCharsets.UTF_8));
        }
        System.out.println("serving");
        System.out.flush();
        control.awaitStop();
        System.out.println("stopping orderly");
        System.out.flush();
    }
}
