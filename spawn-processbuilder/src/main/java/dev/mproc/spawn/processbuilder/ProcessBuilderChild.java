package dev.mproc.spawn.processbuilder;

import dev.mproc.spi.ExitStatus;
import dev.mproc.spi.SpawnedProcess;
import java.util.concurrent.CompletableFuture;

/** A child started with {@link ProcessBuilder}; its exit value is the JDK's, so signals read as 128 + n. */
final class ProcessBuilderChild implements SpawnedProcess {

    private static final int SIGKILL = 9;
    private static final int SIGTERM = 15;

    private final java.lang.Process process;
    private final CompletableFuture<ExitStatus> exit;

    ProcessBuilderChild(java.lang.Process process) {
        this.process = process;
        this.exit = process.onExit().thenApply(p -> ExitStatus.ambiguous(p.exitValue()));
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public CompletableFuture<ExitStatus> onExit() {
        return exit;
    }

    @Override
    public void signal(int signal, boolean group) {
        if (group) {
            throw new UnsupportedOperationException("spawn backend processbuilder cannot signal a process group; "
                    + "use spawn backend posix-fork");
        }
        switch (signal) {
            case SIGTERM -> process.destroy();
            case SIGKILL -> process.destroyForcibly();
            default -> throw new UnsupportedOperationException("spawn backend processbuilder can send only SIGTERM (15)"
                    + " and SIGKILL (9), not signal " + signal + "; use spawn backend posix-fork");
        }
    }
}
