package dev.mproc.spawn.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.StreamTarget;
import dev.mproc.conformance.SpawnPipesContract;
import dev.mproc.spi.ControlPipes;
import dev.mproc.spi.ExitStatus;
import dev.mproc.spi.LaunchSpec;
import dev.mproc.spi.SpawnBackend;
import dev.mproc.spi.SpawnedProcess;
import dev.mproc.spi.StdinPipe;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The posix-fork backend's side of subprocess pipes and death with the parent, through the SPI. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PosixPipesTest extends SpawnPipesContract {

    private static final int O_CLOEXEC = 02000000;
    private static SpawnBackend backend;

    @BeforeAll
    static void open() {
        backend = new PosixSpawnProvider().create();
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    @Override
    protected SpawnBackend backend() {
        return backend;
    }

    /** This backend reads wait statuses: exact. */
    @Override
    protected ExitStatus exited(int code) {
        return ExitStatus.exited(code);
    }



    @Test
    @DisplayName("control pipes: the child reads descriptor 3 and writes descriptor 4, has no other descriptor "
            + "above 2, and the parent sees end-of-file when it exits")
    void controlPipes() throws Exception {
        assertTrue(backend.supportsControlPipes());
        SpawnedProcess p = backend.spawn(LaunchSpec.builder(List.of("/bin/sh", "-c",
                "exec <&3; read line; echo \"got $line\" >&4; read line")).controlPipes(true).build());
        ControlPipes pipes = p.controlPipes().orElseThrow();
        pipes.toChild().write(ByteBuffer.wrap("hello\n".getBytes(StandardCharsets.UTF_8)));
        ByteBuffer reply = ByteBuffer.allocate("got hello\n".length());
        while (reply.hasRemaining() && pipes.fromChild().read(reply) >= 0) {
            // until the whole reply is in
        }
        assertEquals("got hello\n", new String(reply.array(), StandardCharsets.UTF_8));
        List<String> fds = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc/" + p.pid() + "/fd"))) {
            entries.forEach(e -> fds.add(e.getFileName().toString()));
        }
        assertEquals(List.of("0", "1", "2", "3", "4"), fds.stream().sorted().toList(),
                "the child's descriptors while it waits: its standard streams and the control pipes only");
        pipes.toChild().write(ByteBuffer.wrap("bye\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(-1, pipes.fromChild().read(ByteBuffer.allocate(1)), "end-of-file once the child is gone");
        assertEquals(ExitStatus.exited(0), p.onExit().get(30, TimeUnit.SECONDS));
        pipes.toChild().close();
        pipes.fromChild().close();
    }

    @Test
    @DisplayName("stdin, stdout and stderr piped: three pipes (stderr is not stdout's), writes in order, "
            + "close gives end-of-file")
    void threePipes() throws Exception {
        SpawnedProcess p = backend.spawn(LaunchSpec.builder(List.of("/bin/sh", "-c", "cat; echo err >&2"))
                .stdin(StreamTarget.pipe()).stdout(StreamTarget.pipe()).stderr(StreamTarget.pipe()).build());
        Chunks out = new Chunks();
        Chunks err = new Chunks();
        p.stdout().orElseThrow().subscribe(out);
        p.stderr().orElseThrow().subscribe(err);
        out.request(Long.MAX_VALUE);
        err.request(Long.MAX_VALUE);
        StdinPipe in = p.stdin().orElseThrow();
        in.write(ByteBuffer.wrap("ab".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
        in.write(ByteBuffer.wrap("cd".getBytes(StandardCharsets.UTF_8)));
        in.close().get(30, TimeUnit.SECONDS);
        ExecutionException late = assertThrows(ExecutionException.class,
                () -> in.write(ByteBuffer.wrap(new byte[1])).get(30, TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, late.getCause());
        out.done.get(30, TimeUnit.SECONDS);
        err.done.get(30, TimeUnit.SECONDS);
        assertEquals("abcd", out.text());
        assertEquals("err\n", err.text());
        assertEquals(ExitStatus.exited(0), p.onExit().get(30, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("the parent holds one close-on-exec descriptor per pipe, the child only 0, 1 and 2")
    void descriptors() throws Exception {
        SpawnedProcess p = backend.spawn(LaunchSpec.builder(List.of("sleep", "300")).stdin(StreamTarget.pipe())
                .stdout(StreamTarget.pipe()).stderr(StreamTarget.pipe()).build());
        try {
            Path childFds = Path.of("/proc", Long.toString(p.pid()), "fd");
            List<String> pipes = new ArrayList<>();
            for (int fd = 0; fd <= 2; fd++) {
                pipes.add(Files.readSymbolicLink(childFds.resolve(Integer.toString(fd))).toString());
            }
            assertEquals(3, pipes.stream().distinct().count(), "three distinct pipes: " + pipes);
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(childFds)) {
                int count = 0;
                for (Path ignored : fds) {
                    count++;
                }
                assertEquals(3, count, "the child has only its standard streams");
            }
            for (String pipe : pipes) {
                List<Integer> ours = new ArrayList<>();
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
                    for (Path fd : fds) {
                        try {
                            if (Files.readSymbolicLink(fd).toString().equals(pipe)) {
                                ours.add(Integer.parseInt(fd.getFileName().toString()));
                            }
                        } catch (IOException e) {
                            // the directory stream's own descriptor
                        }
                    }
                }
                assertEquals(1, ours.size(), "one descriptor of " + pipe + " in the parent: " + ours);
                String flags = Files.readAllLines(Path.of("/proc/self/fdinfo", ours.get(0).toString())).stream()
                        .filter(l -> l.startsWith("flags:")).findFirst().orElseThrow();
                assertTrue((Integer.parseInt(flags.substring(6).trim(), 8) & O_CLOEXEC) != 0,
                        "close-on-exec: " + flags);
            }
        } finally {
            p.signal(9, false);
            p.onExit().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("die with the parent: the program keeps its pid under setpriv, a missing one fails at start")
    void dieWithParentHelper() throws Exception {
        SpawnedProcess p = backend.spawn(LaunchSpec.builder(List.of("sleep", "300")).dieWithParent(true).build());
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            Path proc = Path.of("/proc", Long.toString(p.pid()));
            String comm = "";
            while (System.nanoTime() < deadline && !comm.equals("sleep")) {
                comm = Files.readString(proc.resolve("comm")).strip();
                TimeUnit.MILLISECONDS.sleep(5); // another process's exec: nothing to wait on but /proc
            }
            assertEquals("sleep", comm, "setpriv and sh exec'd the program in the same process");
            assertTrue(Files.readString(proc.resolve("cmdline")).endsWith("sleep\0" + "300\0"));
        } finally {
            p.signal(15, false);
        }
        assertEquals(ExitStatus.signaled(15), p.onExit().get(30, TimeUnit.SECONDS));
        IOException missing = assertThrows(IOException.class, () -> backend.spawn(
                LaunchSpec.builder(List.of("mproc-no-such-program")).dieWithParent(true).build()));
        assertTrue(missing.getMessage().contains("mproc-no-such-program"), missing.getMessage());
    }

}
