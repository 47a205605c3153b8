package dev.mproc.spawn.posix;

import dev.mproc.spi.Availability;
import dev.mproc.spi.SpawnBackend;
import dev.mproc.spi.SpawnProvider;

/**
 * The Linux spawn backend: children started with {@code posix_spawn} through JNA, their exact wait status
 * (exit code, or the signal that ended them), any signal to a child or its process group, new process groups
 * and sessions, die-with-parent for daemon children, scheduling controls and an optional child subreaper. Chosen
 * automatically on Linux when on the class path (priority {@value #PRIORITY}, above the portable backend's 0);
 * elsewhere, without JNA, with a C library older than glibc 2.34, or with {@code -Dmproc.posix.disabled=true},
 * it reports itself unavailable with the reason (see {@link PosixSupport}).
 */
public final class PosixSpawnProvider implements SpawnProvider {

    /** The name this backend is chosen by. */
    public static final String NAME = "posix-fork";

    /** Above the portable backend's 0. */
    public static final int PRIORITY = 10;

    /** Creates the provider; used by {@link java.util.ServiceLoader}. Touches no native code. */
    public PosixSpawnProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Availability availability() {
        return PosixSupport.availability();
    }

    @Override
    public SpawnBackend create() {
        PosixSupport.ensureAvailable();
        return new PosixSpawnBackend();
    }
}
