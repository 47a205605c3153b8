package dev.mproc.spawn.posix;

import dev.mproc.ContextOptions;
import dev.mproc.Mproc;

/** Prints posix-fork's availability and what choosing a spawn backend then says, one line each. */
public final class AvailabilityProbe {

    private AvailabilityProbe() {
    }

    /** @param args none */
    public static void main(String[] args) {
        System.out.println(new PosixSpawnProvider().availability());
        tryContext(ContextOptions.builder().ipcBackend("netty"));
        tryContext(ContextOptions.builder().ipcBackend("netty").spawnBackend(PosixSpawnProvider.NAME));
        try {
            Subreaper.enable();
            System.out.println("subreaper enabled");
        } catch (UnsupportedOperationException e) {
            System.out.println(e.getMessage());
        }
    }

    private static void tryContext(ContextOptions.Builder options) {
        try {
            System.out.println("context with spawn backend " + Mproc.context(options.build()).spawnBackend());
        } catch (RuntimeException e) {
            System.out.println(e.getMessage());
        }
    }
}
