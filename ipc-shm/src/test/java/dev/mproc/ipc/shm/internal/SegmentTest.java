package dev.mproc.ipc.shm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mproc.Mproc;
import dev.mproc.MprocException;
import dev.mproc.Process;
import dev.mproc.conformance.BackendCombination;
import dev.mproc.queue.SimpleQueue;
import dev.mproc.shared.SharedMemoryNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The segment layer: files, permissions, the resource tracker, the sweep, refusals; with real child JVMs. */
class SegmentTest extends BackendCombination {

    @Override
    protected Combination combination() {
        return new Combination("processbuilder", "shm");
    }

    @Test
    @DisplayName("a child attaching a segment by name sees the parent's atomic writes, and the parent sees the child's")
    void childAttachesByName() throws Exception {
        Segment s = Segment.create(Segment.Kind.ARENA, 4096);
        s.data().setLongRelease(64, 0x0102030405060708L);
        String name = s.name();
        Process<Long> child = context().task(() -> {
            Region r = Segment.attach(name, Segment.Kind.ARENA).data();
            r.getAndAddInt(128, 5);
            return r.getLongAcquire(64);
        }).start();
        child.join();
        assertEquals(0x0102030405060708L, child.result());
        assertEquals(5, s.data().getIntVolatile(128));
        assertTrue(s.unlink());
    }

    @Test
    @DisplayName("segment files are 0600 in 0700 directories of this user")
    void permissions() throws IOException {
        Segment s = Segment.create(Segment.Kind.ARENA, 64);
        Path file = SegmentFiles.file(s.name());
        assertEquals("rw-------", mode(file));
        assertEquals("rwx------", mode(file.getParent()));
        assertEquals("rwx------", mode(file.getParent().getParent()));
        assertEquals(file.getParent().getParent(), SegmentFiles.userDirectory());
        assertEquals(ProcessIdentity.current().toString(), file.getParent().getFileName().toString());
        assertTrue(s.unlink());
        assertFalse(s.linked());
        assertFalse(s.unlink(), "a second unlink reports that the name was already gone");
        s.data().setInt(0, 1);
        assertEquals(1, s.data().getInt(0), "the mapping outlives the name");
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    @DisplayName("the segments of an owner killed with SIGKILL are removed by its tracker within seconds")
    void ownerKilled() throws Exception {
        SimpleQueue<String> names = context().simpleQueue();
        Process<Void> owner = context().process(() -> {
            names.put(Segment.create(Segment.Kind.ARENA, 4096).name());
            names.put(Mproc.context().sharedMemory(1 << 20).name());
            Thread.sleep(Long.MAX_VALUE);
        }).start();
        String arena = names.get();
        String memory = names.get();
        Path dir = SegmentFiles.file(arena).getParent();
        assertTrue(Files.exists(SegmentFiles.file(arena)));
        assertEquals(1 << 20, context().attachSharedMemory(memory).size());
        owner.kill();
        owner.join();
        assertEquals(-9, owner.exitCode().getAsInt());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Files.exists(dir)) {
            if (System.nanoTime() > deadline) {
                fail("the killed owner's directory " + dir + " is still there after 10 s");
            }
            Thread.sleep(10);
        }
        assertThrows(SharedMemoryNotFoundException.class, () -> context().attachSharedMemory(memory));
    }

    @Test
    @DisplayName("the next process to open the user directory sweeps the directories of dead owners, not live ones")
    void staleDirectoriesSwept() throws Exception {
        Path user = SegmentFiles.userDirectory();
        // pid_max is at most 2^22, so this owner cannot be alive.
        Path stale = user.resolve("4194305-12345");
        Files.createDirectories(stale.resolve("sub"));
        Files.write(stale.resolve("4194305-12345-0123456789abcdef0123456789abcdef"), new byte[64]);
        Segment live = Segment.create(Segment.Kind.ARENA, 64);
        String liveDir = SegmentFiles.file(live.name()).getParent().toString();
        Process<String> child = context().task(() -> {
            Path u = SegmentFiles.userDirectory();
            return Files.exists(u.resolve("4194305-12345")) + " " + Files.exists(Path.of(liveDir));
        }).start();
        child.join();
        assertEquals("false true", child.result());
        assertFalse(Files.exists(stale));
        assertTrue(live.linked());
        live.unlink();
    }

    @Test
    @DisplayName("a segment larger than /dev/shm's room fails naming the size asked and the room; others are intact")
    void noRoom() throws IOException {
        Segment kept = Segment.create(Segment.Kind.SHARED_MEMORY, 4096);
        ByteBuffer view = kept.window(0, 4096);
        for (int i = 0; i < 4096; i++) {
            view.put(i, (byte) i);
        }
        // More than the file system's whole size: refused at once, before any page is allocated.
        long asked = Files.getFileStore(SegmentFiles.root()).getTotalSpace() + (1L << 30);
        MprocException e = assertThrows(MprocException.class, () -> Segment.create(Segment.Kind.SHARED_MEMORY, asked));
        assertTrue(e.getMessage().contains(asked + " bytes"), e.getMessage());
        assertTrue(e.getMessage().matches(".*: \\d+ bytes free"), e.getMessage());
        Segment again = Segment.attach(kept.name(), Segment.Kind.SHARED_MEMORY);
        ByteBuffer check = again.window(0, 4096);
        for (int i = 0; i < 4096; i++) {
            assertEquals((byte) i, check.get(i));
        }
        try (var files = Files.list(SegmentFiles.ownDirectory())) {
            assertTrue(files.noneMatch(p -> {
                try {
                    return Files.size(p) == Segment.HEADER + asked || Files.size(p) == 0;
                } catch (IOException ex) {
                    return false;
                }
            }), "the failed segment left no file");
        }
        kept.unlink();
    }

    @Test
    @DisplayName("a segment of another layout version, with a bad magic or of another kind is refused with a clear error")
    void refusesOtherLayouts() throws IOException {
        Segment s = Segment.create(Segment.Kind.SHARED_MEMORY, 64);
        String name = s.name();
        MprocException kind = assertThrows(MprocException.class,
                () -> Segment.attach(name, Segment.Kind.SHAREABLE_LIST));
        assertTrue(kind.getMessage().contains("SHARED_MEMORY") && kind.getMessage().contains("expected SHAREABLE_LIST"),
                kind.getMessage());
        MprocException listOfMemory = assertThrows(MprocException.class, () -> context().attachShareableList(name));
        assertTrue(listOfMemory.getMessage().contains("refusing"), listOfMemory.getMessage());

        writeInt(SegmentFiles.file(name), Segment.LAYOUT_VERSION, 99);
        MprocException version = assertThrows(MprocException.class,
                () -> Segment.attach(name, Segment.Kind.SHARED_MEMORY));
        assertEquals("refusing shared-memory segment " + name + ": layout version 99, this process understands"
                + " version " + Segment.VERSION, version.getMessage());
        assertThrows(MprocException.class, () -> context().attachSharedMemory(name));

        writeInt(SegmentFiles.file(name), Segment.LAYOUT_VERSION, Segment.VERSION);
        writeInt(SegmentFiles.file(name), Segment.MAGIC, 0x656e6f4e);
        MprocException magic = assertThrows(MprocException.class,
                () -> Segment.attach(name, Segment.Kind.SHARED_MEMORY));
        assertTrue(magic.getMessage().contains("bad magic"), magic.getMessage());
        s.unlink();
    }

    private static void writeInt(Path file, int offset, int value) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, value), offset);
        }
    }

    @Test
    @DisplayName("attaching an unknown name throws SharedMemoryNotFoundException")
    void unknownName() {
        String missing = ProcessIdentity.current() + "-0123456789abcdef0123456789abcdef";
        SharedMemoryNotFoundException e = assertThrows(SharedMemoryNotFoundException.class,
                () -> Segment.attach(missing, Segment.Kind.ARENA));
        assertTrue(e.getMessage().contains(missing), e.getMessage());
        assertThrows(SharedMemoryNotFoundException.class, () -> Segment.attach("x/../y", Segment.Kind.ARENA));
    }

    @Test
    @DisplayName("a per-process segment cannot exceed one mapping; the error names the limit")
    void perProcessLimit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Segment.create(Segment.Kind.ARENA, Segment.MAX_DATA + 1));
        assertTrue(e.getMessage().contains(Long.toString(Segment.MAX_DATA)), e.getMessage());
    }
}
