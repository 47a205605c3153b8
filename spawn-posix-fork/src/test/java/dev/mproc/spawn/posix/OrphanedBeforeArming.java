package dev.mproc.spawn.posix;

/**
 * A JVM that runs posix-fork's boot hook as a daemon child whose parent is already gone: it names a parent pid
 * that is not its parent. Usage: {@code OrphanedBeforeArming <pid>}.
 */
public final class OrphanedBeforeArming {

    private OrphanedBeforeArming() {
    }

    /**
     * @param args the pid to claim as parent
     * @throws Exception never, in practice
     */
    public static void main(String[] args) throws Exception {
        new PosixChildBootHook().boot(Long.parseLong(args[0]), true);
        Thread.sleep(120_000);
    }
}
