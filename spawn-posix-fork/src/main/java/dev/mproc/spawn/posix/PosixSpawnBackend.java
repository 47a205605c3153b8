package dev.mproc.spawn.posix;

import dev.mproc.spi.LaunchSpec;
import dev.mproc.spi.SpawnBackend;
import dev.mproc.spi.SpawnedProcess;
import java.io.IOException;
import java.util.Optional;

/**
 * Starts children with {@code posix_spawn} from a long-lived {@link Spawner} thread, reaps each with its own
 * {@link PosixChild} reaper, and gives its children a {@link PosixChildBootHook}. Stateless apart from that:
 * spawner and reaper threads are shared by every backend in the JVM, so closing a backend affects no child.
 */
final class PosixSpawnBackend implements SpawnBackend {

    PosixSpawnBackend() {
        // As PID 1 of a container the JVM is every orphan's parent anyway: reap them, or they stay zombies.
        if (Boolean.getBoolean(Subreaper.PROPERTY) || ProcessHandle.current().pid() == 1) {
            Subreaper.enable();
        }
    }

    @Override
    public boolean supportsControlPipes() {
        return true;
    }

    @Override
    public boolean reapsOrphans() {
        return Subreaper.isEnabled();
    }

    @Override
    public SpawnedProcess spawn(LaunchSpec spec) throws IOException {
        Spawner spawner = spawnerFor(spec);
        try (NativeLaunch launch = NativeLaunch.prepare(spec)) {
            PosixChild child = spawner.call(() -> PosixChild.register(launch.spawn(), launch.ownGroup()));
            child.watch();
            Subreaper.childSpawned();
            launch.feedStdin();
            try {
                launch.attachPipes(child);
            } catch (IOException | RuntimeException e) {
                child.signal(9, false); // its pipes are gone: do not leave it running mis-wired
                throw e;
            }
            return child;
        }
    }

    /**
     * Starts a child this process will not wait for, because it is about to exit and leave the child to be
     * reparented: no reaper thread (which, blocked in native code, would also delay the JVM's exit by about
     * 300 ms).
     *
     * @param spec what to start
     * @return the child's pid
     * @throws IOException if the kernel refused
     */
    static long spawnUnwatched(LaunchSpec spec) throws IOException {
        Spawner spawner = spawnerFor(spec);
        try (NativeLaunch launch = NativeLaunch.prepare(spec)) {
            int pid = spawner.call(launch::spawn);
            launch.feedStdin();
            return pid;
        }
    }

    private static Spawner spawnerFor(LaunchSpec spec) throws IOException {
        return Spawner.forNice(spec.scheduling().nice().isPresent() ? spec.scheduling().nice().getAsInt() : null);
    }

    @Override
    public int cpuCount() {
        return CpuBudget.cpuCount();
    }

    @Override
    public Optional<String> childBootHookClass() {
        return Optional.of(PosixChildBootHook.class.getName());
    }
}
