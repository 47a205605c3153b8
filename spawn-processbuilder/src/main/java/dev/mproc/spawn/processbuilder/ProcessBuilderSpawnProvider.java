package dev.mproc.spawn.processbuilder;

import dev.mproc.spi.Availability;
import dev.mproc.spi.SpawnBackend;
import dev.mproc.spi.SpawnProvider;

/**
 * The portable spawn backend, on {@link java.lang.ProcessBuilder}: available wherever the JDK can start
 * processes, at the lowest priority, so a platform backend wins when one is on the class path.
 *
 * <p>What it cannot do, because the JDK does not expose it: see the exact wait status (a child killed by
 * signal <i>n</i> reads as exit value {@code 128 + n}), send signals other than SIGTERM and SIGKILL, start a
 * child in its own process group or session.
 */
public final class ProcessBuilderSpawnProvider implements SpawnProvider {

    /** The name this backend is chosen by. */
    public static final String NAME = "processbuilder";

    /** Creates the provider; used by {@link java.util.ServiceLoader}. */
    public ProcessBuilderSpawnProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Availability availability() {
        return Availability.ready();
    }

    @Override
    public SpawnBackend create() {
        return new ProcessBuilderSpawnBackend();
    }
}
