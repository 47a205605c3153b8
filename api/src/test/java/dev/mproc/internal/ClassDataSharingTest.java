package dev.mproc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mproc.spi.ExitStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataSharingTest {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1");

    @TempDir
    Path tmp;
    Path cache;
    Path jarA;
    Path jarB;

    @BeforeEach
    void jars() throws IOException {
        cache = Files.createDirectory(tmp.resolve("cache"));
        jarA = Files.write(tmp.resolve("a.jar"), new byte[] {1, 2, 3});
        jarB = Files.write(tmp.resolve("b.jar"), new byte[] {4, 5});
    }

    private String classPath(Path... entries) {
        return String.join(java.io.File.pathSeparator, java.util.Arrays.stream(entries).map(Path::toString).toList());
    }

    @Test
    void aDirectoryOnTheClassPathRulesTheArchiveOut() throws IOException {
        Path classes = Files.createDirectory(tmp.resolve("classes"));
        assertNull(ClassDataSharing.of(JAVA, classPath(jarA, classes), OPTIONS, cache));
        assertNotNull(ClassDataSharing.of(JAVA, classPath(jarA, jarB), OPTIONS, cache));
    }

    @Test
    void anotherJavaOrAnArchiveChosenInTheOptionsRulesItOut() {
        assertNull(ClassDataSharing.of("/opt/other/bin/java", classPath(jarA), OPTIONS, cache));
        assertNull(ClassDataSharing.of(JAVA, classPath(jarA), List.of("-Xshare:off"), cache));
        assertNull(ClassDataSharing.of(JAVA, classPath(jarA), List.of("-XX:SharedArchiveFile=/x.jsa"), cache));
    }

    @Test
    void theKeyChangesWithAJarsTimeAndTheOptions() throws IOException {
        Path first = ClassDataSharing.of(JAVA, classPath(jarA, jarB), OPTIONS, cache).archive();
        assertEquals(first, ClassDataSharing.of(JAVA, classPath(jarA, jarB), OPTIONS, cache).archive());
        assertNotEquals(first, ClassDataSharing.of(JAVA, classPath(jarA, jarB), List.of(), cache).archive());
        Files.setLastModifiedTime(jarB, FileTime.fromMillis(Files.getLastModifiedTime(jarB).toMillis() - 5_000));
        assertNotEquals(first, ClassDataSharing.of(JAVA, classPath(jarA, jarB), OPTIONS, cache).archive());
    }

    @Test
    void oneChildRecordsAndTheArchiveAppearsOnlyAfterItsNormalExit() throws IOException {
        ClassDataSharing cds = ClassDataSharing.of(JAVA, classPath(jarA), OPTIONS, cache);
        ClassDataSharing.Use recorder = cds.next();
        assertNotNull(recorder.recordingTo());
        assertTrue(recorder.options().get(0).startsWith("-XX:ArchiveClassesAtExit="), recorder.options()::toString);
        // While it records, other children (of this or a racing context) start without an archive.
        assertEquals(List.of(), cds.next().options());
        assertEquals(List.of(), ClassDataSharing.of(JAVA, classPath(jarA), OPTIONS, cache).next().options());

        Files.write(recorder.recordingTo(), new byte[] {42}); // what the JVM writes when the child exits
        CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
        cds.recorded(recorder.recordingTo(), exit);
        assertFalse(Files.exists(cds.archive()), "not before the child has exited");
        exit.complete(ExitStatus.exited(0));

        assertTrue(Files.exists(cds.archive()));
        assertFalse(Files.exists(recorder.recordingTo()));
        assertEquals(List.of("-XX:SharedArchiveFile=" + cds.archive(), "-Xlog:cds=off", "-Xlog:cds+dynamic=off"),
                cds.next().options());
    }

    @Test
    void aKilledRecorderPublishesNothingAndTheNextChildRecordsAgain() throws IOException {
        ClassDataSharing cds = ClassDataSharing.of(JAVA, classPath(jarA), OPTIONS, cache);
        ClassDataSharing.Use recorder = cds.next();
        Files.write(recorder.recordingTo(), new byte[] {1}); // a part, written before SIGKILL
        cds.recorded(recorder.recordingTo(), CompletableFuture.completedFuture(ExitStatus.signaled(9)));
        assertFalse(Files.exists(cds.archive()));
        assertFalse(Files.exists(recorder.recordingTo()));
        assertNotNull(cds.next().recordingTo(), "the lock was released: a later child records");
    }

    @Test
    void aStaleLockOfADeadParentIsTakenOver() throws IOException {
        ClassDataSharing cds = ClassDataSharing.of(JAVA, classPath(jarA), OPTIONS, cache);
        Path lock = cds.archive().resolveSibling(cds.archive().getFileName().toString().replace(".jsa", ".lock"));
        Files.createFile(lock);
        assertNull(cds.next().recordingTo(), "a fresh lock: someone records");
        Files.setLastModifiedTime(lock, FileTime.fromMillis(System.currentTimeMillis()
                - ClassDataSharing.STALE_LOCK_MILLIS - 1_000));
        assertNotNull(cds.next().recordingTo());
    }
}
