package dev.mproc.ipc.shm.internal;

import dev.mproc.MprocException;
import dev.mproc.shared.SharedMemoryNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * magic, the layout version and the kind, and refuses anything else.
 *
 * <h2>Attachments</h2>
 * A segment of a {@linkplain Kind#perProcess per-process kind} is attached at most once per process and kept
 * mapped for the life of the process: handles are cheap, and the native addresses given to {@link Futex} stay
 * valid. A segment of a per-handle kind (a user's {@link dev.mproc.shared.SharedMemory} or
 * {@link dev.mproc.shared.ShareableList}) is mapped anew by every {@link #attach} and released by the garbage
 * collector once the caller's handle is closed and every view of it unreachable, as Python's {@code close()}
 * unmaps: a program that creates, uses and unlinks large segments one after another does not keep them all in
 * memory.
 *
 * <h2>Segments larger than one mapping</h2>
 * One {@link MappedByteBuffer} spans at most {@link #MAX_DATA} bytes of data. A larger segment (allowed for
 * per-handle kinds only) maps its header alone and keeps its file open; {@link #window} maps the part asked for
 * on demand, also after the name was unlinked. {@link #data()} is then unavailable.
 */
public final class Segment {

    /** What a segment holds; its code is stored in the header. */
    public enum Kind {
        /** A user's {@link dev.mproc.shared.SharedMemory}; attached per handle, may exceed {@link #MAX_DATA}. */
        SHARED_MEMORY(1, false),
        /** A {@link dev.mproc.shared.ShareableList}; attached per handle. */
        SHAREABLE_LIST(2, false),
        /** Slots of synchronizers and shared values, allocated by their owner. */
        ARENA(3),
        /** One queue or pipe. */
        RING(4);

        final int code;
        /** Attached once per process and kept (futex words need stable addresses), or mapped per handle. */
        final boolean perProcess;

        Kind(int code) {
            this(code, true);
        }

        Kind(int code, boolean perProcess) {
            this.code = code;
            this.perProcess = perProcess;
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
    static final int VERSION = 2;
    /**
     * The largest data size one mapping can hold, and so the largest segment of a per-process kind; a per-handle
     * segment may be larger and is then reached through {@link #window}.
     */
    public static final long MAX_DATA = Integer.MAX_VALUE - HEADER;
    /** The largest data size of any segment: what a file offset can address. */
    public static final long MAX_FILE_DATA = Long.MAX_VALUE - HEADER;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, Segment> ATTACHED = new ConcurrentHashMap<>();

    private final String name;
    private final Kind kind;
    private final ProcessIdentity owner;
    private final long dataSize;
    /** The whole data, mapped; {@code null} for a segment larger than {@link #MAX_DATA}. */
    private final Region data;
    /** The open file of a segment larger than {@link #MAX_DATA}, for mapping windows on demand; else {@code null}. */
    private final FileChannel file;

    private Segment(String name, Kind kind, ProcessIdentity owner, long dataSize, Region data, FileChannel file) {
        this.name = name;
        this.kind = kind;
        this.owner = owner;
        this.dataSize = dataSize;
        this.data = data;
        this.file = file;
    }

    /**
     * Creates a zero-filled segment owned by this process.
     *
     * @param kind what it will hold
     * @param dataSize bytes of data, at least 1, at most {@link #MAX_DATA} for a per-process kind
     * @return the segment, attached
     * @throws IllegalArgumentException if the size is out of range for the kind
     * @throws MprocException if the memory cannot be reserved; a full {@code /dev/shm} is named with the size
     *     asked and the room free
     */
    public static Segment create(Kind kind, long dataSize) {
        long max = kind.perProcess ? MAX_DATA : MAX_FILE_DATA;
        if (dataSize < 1 || dataSize > max) {
            throw new IllegalArgumentException("a shared-memory segment of kind " + kind + " holds 1 to " + max
                    + " bytes, not " + dataSize);
        }
        ProcessIdentity self = ProcessIdentity.current();
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String name = self + "-" + HexFormat.of().formatHex(random);
        Path path = SegmentFiles.ownDirectory().resolve(name);
        long total = HEADER + dataSize;
        reserve(path, total, dataSize);
        FileChannel ch = channel(path);
        try {
            boolean whole = dataSize <= MAX_DATA;
            MappedByteBuffer map = map(ch, path, whole ? total : HEADER);
            Region header = new Region(map, 0, HEADER);
            header.setInt(LAYOUT_VERSION, VERSION);
            header.setInt(KIND, kind.code);
            header.setLong(DATA_SIZE, dataSize);
            header.setInt(OWNER_PID, self.pid());
            header.setLong(OWNER_START, self.startTicks());
            header.setLongRelease(MAGIC, MAGIC_VALUE);
            Segment s = new Segment(name, kind, self, dataSize,
                    whole ? new Region(map, HEADER, (int) dataSize) : null, whole ? null : ch);
            if (whole) {
                closeQuietly(ch);
            }
            if (kind.perProcess) {
                ATTACHED.put(name, s);
            }
            return s;
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    /**
     * Attaches to a segment by name: returns this process's attachment for a per-process kind, maps the segment
     * anew for a per-handle kind.
     *
     * @param name the segment's name
     * @param kind what it must hold
     * @return the segment
     * @throws SharedMemoryNotFoundException if there is no such segment, or the name is not one this backend
     *     gives
     * @throws MprocException if the file is not a segment of this layout version and kind
     */
    public static Segment attach(String name, Kind kind) {
        if (!kind.perProcess) {
            return open(name, kind);
        }
        Segment s = ATTACHED.computeIfAbsent(name, n -> open(n, kind));
        if (s.kind != kind) {
            throw new MprocException("shared-memory segment " + name + " holds " + s.kind + ", not " + kind);
        }
        return s;
    }

    private static Segment open(String name, Kind kind) {
        Path path;
        try {
            path = SegmentFiles.file(name);
        } catch (IllegalArgumentException e) {
            throw new SharedMemoryNotFoundException("no shared-memory segment named '" + name + "': "
                    + e.getMessage());
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new SharedMemoryNotFoundException("no shared-memory segment named " + name
                    + " (never created, unlinked, or its owner has exited)");
        } catch (IOException e) {
            throw new MprocException("cannot open shared-memory segment " + name + ": " + e, e);
        }
        try {
            long total = ch.size();
            if (total < HEADER) {
                throw new MprocException("refusing shared-memory segment " + name + ": its file has " + total
                        + " bytes, less than the " + HEADER + "-byte header of layout version " + VERSION);
            }
            long size = total - HEADER;
            boolean whole = size <= MAX_DATA;
            if (!whole && kind.perProcess) {
                throw new MprocException("refusing shared-memory segment " + name + ": its file has " + total
                        + " bytes, more than a segment of kind " + kind + " may have");
            }
            MappedByteBuffer map = map(ch, path, whole ? total : HEADER);
            Region header = new Region(map, 0, HEADER);
            long magic = header.getLongAcquire(MAGIC);
            int version = header.getInt(LAYOUT_VERSION);
            if (magic != MAGIC_VALUE || version != VERSION) {
                throw new MprocException("refusing shared-memory segment " + name + ": layout version " + version
                        + (magic == MAGIC_VALUE ? "" : " (bad magic)") + ", this process understands version "
                        + VERSION);
            }
            int code = header.getInt(KIND);
            long dataSize = header.getLong(DATA_SIZE);
            if (code != kind.code || dataSize != size) {
                throw new MprocException("refusing shared-memory segment " + name + ": it holds kind "
                        + kindName(code) + " and " + dataSize + " bytes, expected " + kind + " and " + size
                        + " bytes");
            }
            ProcessIdentity owner = new ProcessIdentity(header.getInt(OWNER_PID), header.getLong(OWNER_START));
            Segment s = new Segment(name, kind, owner, dataSize, whole ? new Region(map, HEADER, (int) dataSize) : null,
                    whole ? null : ch);
            if (whole) {
                closeQuietly(ch);
            }
            return s;
        } catch (IOException e) {
            closeQuietly(ch);
            throw new MprocException("cannot read shared-memory segment " + name + ": " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    private static String kindName(int code) {
        for (Kind k : Kind.values()) {
            if (k.code == code) {
                return k + " (" + code + ")";
            }
        }
        return "unknown (" + code + ")";
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

    private static FileChannel channel(Path path) {
        try {
            return FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            throw new SharedMemoryNotFoundException("no shared-memory segment at " + path);
        } catch (IOException e) {
            throw new MprocException("cannot open shared-memory file " + path + ": " + e, e);
        }
    }

    private static MappedByteBuffer map(FileChannel ch, Path path, long total) {
        try {
            return ch.map(FileChannel.MapMode.READ_WRITE, 0, total);
        } catch (IOException e) {
            throw new MprocException("cannot map shared-memory file " + path + ": " + e, e);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // Mappings outlive their channel; nothing is lost.
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

    /** @return the number of bytes of data */
    public long dataSize() {
        return dataSize;
    }

    /**
     * @return the data, after the header
     * @throws IllegalStateException if the segment is larger than {@link #MAX_DATA}: use {@link #window}
     */
    public Region data() {
        if (data == null) {
            throw new IllegalStateException("shared-memory segment " + name + " has " + dataSize
                    + " bytes, more than one mapping spans (" + MAX_DATA + "); map windows of it");
        }
        return data;
    }

    /**
     * A view of part of the data, position 0, limit {@code length}, big-endian as every new buffer. A segment
     * that fits one mapping gives a slice of it; a larger one maps the window now (a system call and a page
     * table update per call, so callers keep the view).
     *
     * @param offset where in the data the view starts
     * @param length its length
     * @return the view
     * @throws IndexOutOfBoundsException if the window does not lie within the data
     * @throws IllegalStateException if a large segment's file was {@linkplain #detach() detached}
     */
    public ByteBuffer window(long offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, dataSize);
        if (data != null) {
            return data.view().slice((int) offset, length).order(ByteOrder.BIG_ENDIAN);
        }
        try {
            return file.map(FileChannel.MapMode.READ_WRITE, HEADER + offset, length);
        } catch (java.nio.channels.ClosedChannelException e) {
            throw new IllegalStateException("shared-memory segment " + name + " is detached", e);
        } catch (IOException e) {
            throw new MprocException("cannot map " + length + " bytes at " + offset + " of shared-memory segment "
                    + name + ": " + e, e);
        }
    }

    /**
     * Gives up this attachment of a per-handle segment: closes the file a large segment keeps open. Mappings and
     * views taken before stay valid; the memory is released when the garbage collector finds them unreachable.
     */
    public void detach() {
        if (file != null) {
            closeQuietly(file);
        }
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
        return "Segment[" + name + ", " + kind + ", " + dataSize + " bytes]";
    }
}
