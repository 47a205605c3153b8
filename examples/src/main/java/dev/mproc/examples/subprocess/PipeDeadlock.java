package dev.mproc.examples.subprocess;

import dev.mproc.Context;
import dev.mproc.Mproc;
import dev.mproc.subprocess.CompletedProcess;
import java.time.Duration;

/**
 * Seed 002's subprocess chapter: a child that writes more than the pipe holds (64 KiB + 1 byte) blocks until
 * someone reads; waiting for it before reading is the classic deadlock. mproc's {@code communicate} reads both
 * outputs while it waits, so it cannot happen.
 */
public final class PipeDeadlock {

    private PipeDeadlock() {
    }

    /**
     * @param args ignored
     * @throws Exception if the example itself fails
     */
    public static void main(String[] args) throws Exception {
        Context ctx = Mproc.context();
        for (int size : new int[] {64 * 1024, 64 * 1024 + 1, 10 << 20}) {
            long t0 = System.nanoTime();
            CompletedProcess r = ctx.subprocess("head", "-c", Integer.toString(size), "/dev/zero")
                    .captureOutput().run(null, Duration.ofSeconds(60));
            System.out.printf("head -c %d: %d bytes read, exit %d, in %.1f ms%n", size, r.stdout().length,
                    r.exitCode(), (System.nanoTime() - t0) / 1e6);
        }
        CompletedProcess echo = ctx.shell("printf '%s|' \"$@\"", "two words", "it's", "$HOME").captureOutput().run();
        System.out.println("arguments arrive unmangled: " + echo.stdoutText());
        System.out.println("why: a pipe holds 64 KiB; a writer with one byte more blocks until the reader reads. "
                + "communicate reads stdout and stderr while it waits, so the size does not matter.");
    }
}
