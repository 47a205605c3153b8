package dev.mproc.spawn.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mproc.Context;
import dev.mproc.ContextOptions;
import dev.mproc.Mproc;
import dev.mproc.spi.Availability;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How posix-fork is found, and how it says it cannot work, on real class paths. */
class AvailabilityTest {

    @Test
    @DisplayName("on Linux with JNA it is available at priority 10 and chosen without being named")
    void availableAndChosen() {
        PosixSpawnProvider provider = new PosixSpawnProvider();
        assertEquals("posix-fork", provider.name());
        assertEquals(10, provider.priority());
        assertEquals(Availability.ready(), provider.availability());
        try (Context ctx = Mproc.context(ContextOptions.builder().ipcBackend("netty").build())) {
            assertEquals("posix-fork", ctx.spawnBackend());
        }
    }

    @Test
    @DisplayName("the kill switch makes it unavailable with its reason, in every message, never a linkage error")
    void killSwitch() throws Exception {
        java.lang.Process probe = new ProcessBuilder(Programs.java(AvailabilityProbe.class,
                List.of("-Dmproc.posix.disabled=true"))).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, probe.waitFor());
        assertEquals(List.of(
                "Availability[available=false, reason=disabled by -Dmproc.posix.disabled=true]",
                "No usable mproc spawn backend; candidates: posix-fork: unavailable: disabled by "
                        + "-Dmproc.posix.disabled=true. Add a backend that works here (for example "
                        + "dev.mproc:mproc-spawn-processbuilder) or name one with -Dmproc.spawn=<name>.",
                "mproc spawn backend 'posix-fork' (chosen in code) is unavailable: disabled by "
                        + "-Dmproc.posix.disabled=true",
                "spawn backend posix-fork is unavailable: disabled by -Dmproc.posix.disabled=true"),
                List.of(out.split("\n")));
    }
}
