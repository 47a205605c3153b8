package dev.mproc.spawn.processbuilder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mproc.Context;
import dev.mproc.ContextOptions;
import dev.mproc.Mproc;
import dev.mproc.Scheduling;
import dev.mproc.spi.LaunchSpec;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the portable backend cannot do, it refuses by name rather than ignore. */
class ProcessBuilderRefusalTest {

    @Test
    @DisplayName("scheduling controls are refused at start(), naming the backend that has them")
    void schedulingRefused() {
        try (Context ctx = Mproc.context(ContextOptions.builder().spawnBackend("processbuilder").ipcBackend("netty")
                .scheduling(Scheduling.builder().nice(5).build()).build())) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> ctx.task(() -> 1).start());
            assertEquals("spawn backend processbuilder cannot set a child's scheduling (Scheduling[nice 5]); use "
                    + "spawn backend posix-fork", e.getMessage());
        }
    }

    @Test
    @DisplayName("a new session is refused, naming the backend that has it")
    void sessionRefused() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> new ProcessBuilderSpawnBackend().spawn(LaunchSpec.builder(List.of("true")).newSession(true)
                        .build()));
        assertEquals("spawn backend processbuilder cannot start a child in a new session; use spawn backend "
                + "posix-fork", e.getMessage());
    }
}
