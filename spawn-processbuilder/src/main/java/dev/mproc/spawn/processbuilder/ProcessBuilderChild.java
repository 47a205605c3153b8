package dev.mproc.spawn.processbuilder;

import dev.mproc.spi.ExitStatus;
import dev.mproc.spi.InputStreamPublisher;
import dev.mproc.spi.OutputStreamStdin;
import dev.mproc.spi.SpawnedProcess;
import dev.mproc.spi.StdinPipe;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/** A child started with {@link ProcessBuilder}; its exit value is the JDK's, so signals read as 128 + n. */
final class ProcessBuilderChild implements SpawnedProcess {

    private static final int SIGKILL = 9;
    private static final int SIGTERM = 15;

    private final java.lang.Process process;
    private final CompletableFuture<ExitStatus> exit;
    private final StdinPipe stdin;
    private final Flow.Publisher<ByteBuffer> stdout;
    private final Flow.Publisher<ByteBuffer> stderr;

    /**
     * @param process the started process
     * @param pipeStdin whether its stdin is a pipe the caller writes
     * @param pipeStdout whether its stdout is a pipe the caller reads
     * @param pipeStderr whether its stderr is a pipe the caller reads
     */
    ProcessBuilderChild(java.lang.Process process, boolean pipeStdin, boolean pipeStdout, boolean pipeStderr) {
        this.process = process;
        this.exit = process.onExit().thenApply(p -> ExitStatus.ambiguous(p.exitValue()));
        String prefix = "mproc-subprocess-" + process.pid() + "-";
        this.stdin = pipeStdin ? new OutputStreamStdin(process.getOutputStream(), prefix + "stdin") : null;
        this.stdout = pipeStdout ? new InputStreamPublisher(process.getInputStream(), prefix + "stdout") : null;
        this.stderr = pipeStderr ? new InputStreamPublisher(process.getErrorStream(), prefix + "stderr") : null;
    }

    @Override
    public Optional<StdinPipe> stdin() {
        return Optional.ofNullable(stdin);
    }

    @Override
    public Optional<Flow.Publisher<ByteBuffer>> stdout() {
        return Optional.ofNullable(stdout);
    }

    @Override
    public Optional<Flow.Publisher<ByteBuffer>> stderr() {
        return Optional.ofNullable(stderr);
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
