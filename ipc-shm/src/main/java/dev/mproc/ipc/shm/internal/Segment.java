package dev.mproc.ipc.shm.internal;

import dev.mproc.MprocException;
import dev.mproc.shared.SharedMemoryNotFoundException;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One file of shared memory, mapped whole: a header that says what it holds, then the data.
 *
 * <pre>
 * offset  size  field
 *      0     8  MAGIC            "MPROCSM1"; written last, with release, so a complete header is seen or none
 *      8     4  LAYOUT_VERSION   of the header and of the structure in the data
 *     12     4  KIND             what the data holds ({@link Kind})
 *     16     8  DATA_SIZE        bytes of data after the header
 *     24     4  OWNER_PID        the creating process ...
 *     32     8  OWNER_START      ... and its start time, so a reused pid is not taken for the owner
 *     40    24  (reserved, zero)
 *     64     -  data, 64-byte aligned
 * </pre>
 *
 * Creating a segment reserves its memory at once ({@code posix_fallocate}), so a full {@code /dev/shm} is an
 * error naming the size asked and the room free, never a {@code SIGBUS} on a later write. Attaching checks the
 * magic, the layout version and the kind, and refuses anything else. Segments are attached at most once per
 * process and kept mapped for the life of the process: handles are cheap, and native addresses stay valid.
 */
public final class Segment {

    /** What a segment holds; its code is stored in the header. */
    public enum Kind {
        /** A user's {@link dev.mproc.shared.SharedMemory}. */
        SHARED_MEMORY(1),
        /** A {@link dev.mproc.shared.ShareableList}. */
        SHAREABLE_LIST(2),
        /** Slots of synchronizers and shared values, allocated by their owner. */
        ARENA(3),
        /** One queue or pipe. */
        RING(4);

        final int code;

        Kind(int code) {
            this.code = code;
        }
    }

    static final int MAGIC = 0;
    static final int LAYOUT_VERSION = 8;
    static final int KIND = 12;
    static final int DATA_SIZE = 16;
    static final int OWNER_PID = 24;
    static final int OWNER_START = 32;
    /** Size of the header; data starts here. */
    public static final int HEADER = 64;

    static final long MAGIC_VALUE = 0x314d53434f52504dL; // "MPROCSM1" read as a little-endian long
    static final int VERSION = 1;
    /** The largest data size one mapping can hold. */
    public static final long MAX_DATA = Integer.MAX_VALUE - HEADER;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, Segment> ATTACHED = new ConcurrentHashMap<>();

    private final String name;
    private final Kind kind;
    private final ProcessIdentity owner;
    private final Region data;

    private Segment(String name, Kind kind, ProcessIdentity owner, Region data) {
        this.name = name;
        this.kind = kind;
        this.owner = owner;
        this.data = data;
    }

    /**
     * Creates a zero-filled segment owned by this process.
     *
     * @param kind what it will hold
     * @param dataSize bytes of data, at least 1
     * @return the segment, attached
     * @throws MprocException if the memory cannot be reserved; a full {@code /dev/shm} is named with the size
     *     asked and the room free
     */
    public static Segment create(Kind kind, long dataSize) {
        if (dataSize < 1 || dataSize > MAX_DATA) {
            throw new IllegalArgumentException("a shared-memory segment holds 1 to " + MAX_DATA + " bytes, not "
                    + dataSize);
        }
        ProcessIdentity self = ProcessIdentity.current();
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String name = self + "-" + HexFormat.of().formatHex(random);
        Path file = SegmentFiles.ownDirectory().resolve(name);
        long total = HEADER + dataSize;
        reserve(file, total, dataSize);
        MappedByteBuffer map = map(file, total);
        Region header = new Region(map, 0, HEADER);
        header.setInt(LAYOUT_VERSION, VERSION);
        header.setInt(KIND, kind.code);
        header.setLong(DATA_SIZE, dataSize);
        header.setInt(OWNER_PID, self.pid());
        header.setLong(OWNER_START, self.startTicks());
        header.setLongRelease(MAGIC, MAGIC_VALUE);
        Segment s = new Segment(name, kind, self, new Region(map, HEADER, (int) dataSize));
        ATTACHED.put(name, s);
        return s;
    }

    /**
     * Attaches to a segment by name, or returns this process's attachment.
     *
     * @param name the segment's name
     * @param kind what it must hold
     * @return the segment
     * @throws SharedMemoryNotFoundException if there is no such segment
     * @throws MprocException if the file is not a segment of this layout version and kind
     */
    public static Segment attach(String name, Kind kind) {
        Segment s = ATTACHED.computeIfAbsent(name, n -> open(n, kind));
        if (s.kind != kind) {
            throw new MprocException("shared-memory segment " + name + " holds " + s.kind + ", not " + kind);
        }
        return s;
    }

    private static Segment open(String name, Kind kind) {
        Path file = SegmentFiles.file(name);
        long total;
        try {
            total = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new SharedMemoryNotFoundException("no shared-memory segment named " + name
                    + " (never created, unlinked, or its owner has exited)");
        } catch (IOException e) {
            throw new MprocException("cannot open shared-memory segment " + name + ": " + e, e);
        }
        if (total < HEADER || total > Integer.MAX_VALUE) {
            throw new MprocException("refusing shared-memory segment " + name + ": its file has " + total
                    + " bytes, which no segment of layout version " + VERSION + " has");
        }
        MappedByteBuffer map = map(file, total);
        Region header = new Region(map, 0, HEADER);
        long magic = header.getLongAcquire(MAGIC);
        int version = header.getInt(LAYOUT_VERSION);
        if (magic != MAGIC_VALUE || version != VERSION) {
            throw new MprocException("refusing shared-memory segment " + name + ": layout version " + version
                    + (magic == MAGIC_VALUE ? "" : " (bad magic)") + ", this process understands version " + VERSION);
        }
        int code = header.getInt(KIND);
        long dataSize = header.getLong(DATA_SIZE);
        if (code != kind.code || dataSize != total - HEADER) {
            throw new MprocException("refusing shared-memory segment " + name + ": it holds kind " + code + " and "
                    + dataSize + " bytes, expected " + kind + " and " + (total - HEADER) + " bytes");
        }
        ProcessIdentity owner = new ProcessIdentity(header.getInt(OWNER_PID), header.getLong(OWNER_START));
        return new Segment(name, kind, owner, new Region(map, HEADER, (int) dataSize));
    }

    private static void reserve(Path file, long total, long asked) {
        int fd = LibC.open(file.toString(), LibC.O_RDWR | LibC.O_CREAT | LibC.O_EXCL | LibC.O_NOFOLLOW
                | LibC.O_CLOEXEC, 0600);
        if (fd < 0) {
            throw new MprocException("cannot create shared-memory file " + file + ": errno " + LibC.errno());
        }
        int err = LibC.posix_fallocate(fd, 0, total);
        LibC.close(fd);
        if (err != 0) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // The reservation failed; a leftover empty file is removed with the owner's directory.
            }
            if (err == LibC.ENOSPC) {
                throw new MprocException("no room for a shared-memory segment of " + asked + " bytes in "
                        + SegmentFiles.root() + ": " + free() + " bytes free");
            }
            throw new MprocException("cannot reserve " + asked + " bytes of shared memory: errno " + err);
        }
    }

    private static long free() {
        try {
            return Files.getFileStore(SegmentFiles.root()).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    private static MappedByteBuffer map(Path file, long total) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return ch.map(FileChannel.MapMode.READ_WRITE, 0, total);
        } catch (NoSuchFileException e) {
            throw new SharedMemoryNotFoundException("no shared-memory segment at " + file);
        } catch (IOException e) {
            throw new MprocException("cannot map shared-memory file " + file + ": " + e, e);
        }
    }

    /** @return the name another process attaches by */
    public String name() {
        return name;
    }

    /** @return what the segment holds */
    public Kind kind() {
        return kind;
    }

    /** @return the process that created the segment */
    public ProcessIdentity owner() {
        return owner;
    }

    /** @return the data, after the header */
    public Region data() {
        return data;
    }

    /**
     * Removes the segment's name; mappings stay valid.
     *
     * @return {@code true} if this call removed it, {@code false} if it was already gone
     */
    public boolean unlink() {
        try {
            return Files.deleteIfExists(SegmentFiles.file(name));
        } catch (IOException e) {
            throw new MprocException("cannot unlink shared-memory segment " + name + ": " + e, e);
        }
    }

    /** @return whether the segment's name still exists */
    public boolean linked() {
        return Files.exists(SegmentFiles.file(name));
    }

    @Override
    public String toString() {
        return "Segment[" + name + ", " + kind + ", " + data.size() + " bytes]";
    }
}
