package dev.mproc.spawn.posix;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A JVM that says "ready" on a FIFO once it runs Java code, then waits to be signalled.
 * Usage: {@code SignalTarget <fifo>}.
 */
public final class SignalTarget {

    private SignalTarget() {
    }

    /**
     * @param args the FIFO to announce readiness on
     * @throws Exception never, in practice
     */
    public static void main(String[] args) throws Exception {
        try (OutputStream out = Files.newOutputStream(Path.of(args[0]))) {
            out.write("ready\n".getBytes(StandardCharsets.UTF_8));
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
