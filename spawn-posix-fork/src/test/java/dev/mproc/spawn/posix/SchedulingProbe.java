package dev.mproc.spawn.posix;

import dev.mproc.Scheduling;
import dev.mproc.spi.LaunchSpec;
import dev.mproc.spi.SpawnBackend;
import java.io.IOException;
import java.util.List;

/**
 * Asks posix-fork for a lower nice value and for a real-time policy, and prints what happened, one line each:
 * the test runs it without {@code CAP_SYS_NICE}.
 */
public final class SchedulingProbe {

    private SchedulingProbe() {
    }

    /**
     * @param args none
     * @throws Exception if a child that did start cannot be waited for
     */
    public static void main(String[] args) throws Exception {
        SpawnBackend backend = new PosixSpawnProvider().create();
        for (Scheduling s : List.of(Scheduling.builder().nice(-5).build(),
                Scheduling.builder().realTime(Scheduling.Policy.FIFO, 10).build())) {
            try {
                System.out.println("started, " + backend.spawn(LaunchSpec.builder(List.of("/bin/true"))
                        .scheduling(s).build()).onExit().get());
            } catch (IOException e) {
                System.out.println(e.getMessage());
            }
        }
    }
}
