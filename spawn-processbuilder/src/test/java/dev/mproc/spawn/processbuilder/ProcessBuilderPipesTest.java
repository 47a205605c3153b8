package dev.mproc.spawn.processbuilder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.Context;
import dev.mproc.ContextOptions;
import dev.mproc.Mproc;
import dev.mproc.StreamTarget;
import dev.mproc.conformance.SpawnPipesContract;
import dev.mproc.spi.ExitStatus;
import dev.mproc.spi.LaunchSpec;
import dev.mproc.spi.SpawnBackend;
import dev.mproc.spi.SpawnedProcess;
import dev.mproc.spi.StdinPipe;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The processbuilder backend's side of subprocess pipes, through the SPI, and what it refuses. */
class ProcessBuilderPipesTest extends SpawnPipesContract {

    private final SpawnBackend backend = new ProcessBuilderSpawnProvider().create();

    @Override
    protected SpawnBackend backend() {
        return backend;
    }

    /** The JDK reports an exit value, which a signal's 128 + n can imitate: ambiguous. */
    @Override
    protected ExitStatus exited(int code) {
        return ExitStatus.ambiguous(code);
    }



    @Test
    @DisplayName("stdin pipe: writes arrive in order, close gives end-of-file, a second subscriber is refused")
    void stdinAndSecondSubscriber(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        SpawnedProcess p = backend.spawn(LaunchSpec.builder(List.of("cat")).stdin(StreamTarget.pipe())
                .stdout(StreamTarget.file(out)).stderr(StreamTarget.pipe()).build());
        StdinPipe in = p.stdin().orElseThrow();
        in.write(ByteBuffer.wrap("ab".getBytes())).get(30, TimeUnit.SECONDS);
        in.write(ByteBuffer.wrap("cd".getBytes()));
        in.close().get(30, TimeUnit.SECONDS);
        ExecutionException late = assertThrows(ExecutionException.class,
                () -> in.write(ByteBuffer.wrap(new byte[1])).get(30, TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, late.getCause());
        assertEquals(ExitStatus.ambiguous(0), p.onExit().get(30, TimeUnit.SECONDS));
        assertArrayEquals("abcd".getBytes(), Files.readAllBytes(out));
        assertTrue(p.stdout().isEmpty(), "stdout went to a file");
        Chunks first = new Chunks();
        Chunks second = new Chunks();
        p.stderr().orElseThrow().subscribe(first);
        p.stderr().orElseThrow().subscribe(second);
        ExecutionException refused = assertThrows(ExecutionException.class, () -> second.done.get(30,
                TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, refused.getCause());
        first.request(Long.MAX_VALUE);
        first.done.get(30, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("a new process group, death with the parent and signals other than TERM and KILL are refused, "
            + "naming the backend and the one that can")
    void refusals() throws Exception {
        try (Context ctx = Mproc.context(ContextOptions.builder().spawnBackend("processbuilder").ipcBackend("netty")
                .build())) {
            String group = assertThrows(UnsupportedOperationException.class,
                    () -> ctx.subprocess("true").newProcessGroup(true).start()).getMessage();
            assertTrue(group.contains("processbuilder") && group.contains("posix-fork"), group);
            String death = assertThrows(UnsupportedOperationException.class,
                    () -> ctx.subprocess("true").dieWithParent(true).start()).getMessage();
            assertTrue(death.contains("processbuilder") && death.contains("posix-fork"), death);
            dev.mproc.subprocess.Subprocess p = ctx.subprocess("sleep", "300").start();
            String signal = assertThrows(UnsupportedOperationException.class, () -> p.sendSignal(2)).getMessage();
            assertTrue(signal.contains("processbuilder") && signal.contains("signal 2"), signal);
            p.kill();
            assertEquals(-9, p.waitFor());
        }
    }

}
