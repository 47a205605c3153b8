package dev.mproc.spawn.posix;

/** Prints what posix-fork's cpuCount says in this process. */
public final class CpuCountProbe {

    private CpuCountProbe() {
    }

    /** @param args none */
    public static void main(String[] args) {
        System.out.println(new PosixSpawnProvider().create().cpuCount());
    }
}
