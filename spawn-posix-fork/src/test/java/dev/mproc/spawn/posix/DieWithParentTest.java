package dev.mproc.spawn.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mproc.Context;
import dev.mproc.ContextOptions;
import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.StreamTarget;
import dev.mproc.spi.ExitStatus;
import dev.mproc.spi.LaunchSpec;
import dev.mproc.spi.SpawnBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Daemon children die with their parent through the kernel ({@code PR_SET_PDEATHSIG}); the contract's
 * "parent killed with SIGKILL" test shows the effect, these show the mechanism.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DieWithParentTest {

    /** Runs in the child: the signal the boot hook armed, or 0 if it armed none. */
    private static int parentDeathSignal() throws Exception {
        return Mproc.currentProcess().daemon() ? PosixChildBootHook.armed().get(30, TimeUnit.SECONDS)
                : PosixChildBootHook.armed().getNow(0) + ParentDeathSignal.current();
    }

    @Test
    @DisplayName("a daemon child has SIGKILL as its parent-death signal; a non-daemon child has none")
    void daemonChildArmed() throws Exception {
        try (Context ctx = Mproc.context(ContextOptions.builder().spawnBackend(PosixSpawnProvider.NAME)
                .ipcBackend("netty").build())) {
            Process<Integer> daemon = ctx.task(DieWithParentTest::parentDeathSignal).daemon(true).start();
            Process<Integer> plain = ctx.task(DieWithParentTest::parentDeathSignal).daemon(false).start();
            daemon.join();
            plain.join();
            assertEquals(ParentDeathSignal.SIGKILL, daemon.result());
            assertEquals(0, plain.result());
        }
    }

    @Test
    @DisplayName("a daemon child whose parent is gone before it armed the signal exits at once with code 1")
    void orphanedBeforeArming(@TempDir Path dir) throws Exception {
        Path err = dir.resolve("err");
        try (SpawnBackend backend = new PosixSpawnProvider().create()) {
            ExitStatus status = backend.spawn(LaunchSpec.builder(Programs.java(OrphanedBeforeArming.class, List.of(),
                    "1")).stderr(StreamTarget.file(err)).build()).onExit().get(30, TimeUnit.SECONDS);
            assertEquals(ExitStatus.exited(1), status);
        }
        assertEquals(List.of("mproc: parent 1 ended before this daemon child armed its death signal (parent is now "
                + ProcessHandle.current().pid() + "); exiting"), Files.readAllLines(err));
    }
}
