package dev.mproc.spawn.processbuilder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.Context;
import dev.mproc.ContextOptions;
import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.StreamTarget;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Children of a jar class path record a class-data archive once and start from it afterwards. */
class ChildClassDataSharingTest {

    @TempDir
    Path tmp;

    @AfterEach
    void clear() {
        System.clearProperty("mproc.cds.dir");
    }

    @Test
    @DisplayName("the first child records the archive, the next ones map it, and nothing of it reaches their output")
    void recordThenUse() throws Exception {
        Path cache = Files.createDirectory(tmp.resolve("cds"));
        System.setProperty("mproc.cds.dir", cache.toString());
        Path out = tmp.resolve("children.out");
        ContextOptions options = ContextOptions.builder().spawnBackend("processbuilder").ipcBackend("netty")
                .classPath(jarsOnly(System.getProperty("java.class.path"))).stdout(StreamTarget.file(out))
                .stderr(StreamTarget.file(out)).build();
        try (Context ctx = Mproc.context(options)) {
            List<String> first = jvmArguments(ctx);
            assertTrue(first.stream().anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit=" + cache)), first::toString);
            Path archive = awaitArchive(cache);

            List<String> second = jvmArguments(ctx);
            assertTrue(second.contains("-XX:SharedArchiveFile=" + archive), second::toString);
            assertFalse(second.stream().anyMatch(a -> a.contains("ArchiveClassesAtExit")), second::toString);
            try (Stream<Path> files = Files.list(cache)) {
                assertEquals(List.of(archive), files.toList(), "no lock or partial file is left");
            }
        }
        assertEquals("", Files.readString(out), "the JVM's CDS messages stay out of the children's output");
    }

    @Test
    @DisplayName("a class path with a directory of classes, or the switch off: children start without an archive")
    void notApplicable() throws Exception {
        Path cache = Files.createDirectory(tmp.resolve("cds"));
        System.setProperty("mproc.cds.dir", cache.toString());
        try (Context dirs = Mproc.context(ContextOptions.builder().spawnBackend("processbuilder").ipcBackend("netty")
                .build())) {
            assertFalse(jvmArguments(dirs).stream().anyMatch(a -> a.contains("Archive")));
        }
        try (Context off = Mproc.context(ContextOptions.builder().spawnBackend("processbuilder").ipcBackend("netty")
                .classPath(jarsOnly(System.getProperty("java.class.path"))).classDataSharing(false).build())) {
            assertFalse(jvmArguments(off).stream().anyMatch(a -> a.contains("Archive")));
        }
        try (Stream<Path> files = Files.list(cache)) {
            assertEquals(0, files.count());
        }
    }

    private static List<String> jvmArguments(Context ctx) throws InterruptedException {
        Process<ArrayList<String>> p = ctx.task(
                () -> new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments())).start();
        p.join();
        assertEquals(0, p.exitCode().getAsInt());
        return p.result();
    }

    /** The archive appears once the recording child's exit has been seen, which may be just after join returns. */
    private static Path awaitArchive(Path cache) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(cache)) {
                List<Path> archives = files.filter(f -> f.toString().endsWith(".jsa")).toList();
                if (!archives.isEmpty()) {
                    return archives.get(0);
                }
            }
            TimeUnit.MILLISECONDS.sleep(10); // a file another thread renames: nothing to wait on but the directory
        }
        throw new AssertionError("no archive appeared in " + cache);
    }

    /** The class path with every directory of classes replaced by a jar of it, as an application ships. */
    private String jarsOnly(String classPath) throws IOException {
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : classPath.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                Path jar = tmp.resolve("classes-" + n++ + ".jar");
                try (JarOutputStream jout = new JarOutputStream(Files.newOutputStream(jar));
                        Stream<Path> files = Files.walk(p)) {
                    for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                        jout.putNextEntry(new JarEntry(p.relativize(f).toString().replace(File.separatorChar, '/')));
                        Files.copy(f, (OutputStream) jout);
                        jout.closeEntry();
                    }
                }
                entries.add(jar.toString());
            } else if (Files.isRegularFile(p)) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
