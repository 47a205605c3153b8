package dev.mproc.spawn.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A parent that is a child subreaper adopts its orphaned grandchildren and reaps them; its own children keep their statuses. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SubreaperTest {

    @Test
    @DisplayName("an orphaned grandchild is adopted by the subreaper parent and reaped when it ends")
    void orphanReaped(@TempDir Path dir) throws Exception {
        Path fifo = Programs.fifo(dir, "release");
        java.lang.Process parent = new ProcessBuilder(Programs.java(SubreaperProgram.class,
                List.of("-Dmproc.posix.subreaper=true", "-Dmproc.posix.subreaper.graceMillis=100"), fifo.toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("subreaper true", out.readLine());
            assertEquals("statuses 3 4", out.readLine(), "the subreaper takes no status of the parent's own children");
            String line = out.readLine();
            long grandchild = Long.parseLong(line.substring("grandchild ".length()));
            assertEquals(Long.toString(parent.pid()), Programs.stat(grandchild, 4), "adopted by the subreaper");
            try (OutputStream release = Files.newOutputStream(fifo)) {
                release.write('\n');
            }
            awaitReaped(grandchild, Duration.ofSeconds(10));
            parent.getOutputStream().close(); // end of its stdin: it reports and exits
            assertEquals("orphans reaped 1", out.readLine());
            assertEquals(0, parent.waitFor());
        } finally {
            parent.destroyForcibly();
        }
    }

    /** The grandchild is not our child: nothing to wait on but its entry in /proc, which a zombie still has. */
    private static void awaitReaped(long pid, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (Programs.stat(pid, 3) != null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("process " + pid + " not reaped after " + within + ": state "
                        + Programs.stat(pid, 3));
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }
}
