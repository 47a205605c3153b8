package dev.mproc.ipc.shm.internal;

import dev.mproc.MprocException;
import dev.mproc.shared.SharedMemory;
import dev.mproc.shared.SharedMemoryNotFoundException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Objects;

/**
 * A handle to a {@link SharedMemory} segment of this backend: a {@link Segment} of kind
 * {@link Segment.Kind#SHARED_MEMORY} whose data is the user's memory, byte for byte (the segment's 64-byte header
 * sits before it and is never visible through a view).
 *
 * <p>What crosses processes is the segment's name and size; the mapping is {@code transient}. Decoding a handle
 * attaches it in the receiving process, as Python's unpickling calls {@code SharedMemory(name)}; if the segment is
 * gone by then, decoding still succeeds (the message carrying the handle is not lost) and the handle throws
 * {@link SharedMemoryNotFoundException} on first use. Handles are equal when they name the same segment.
 *
 * <p>Each handle maps the segment itself ({@link Segment.Kind#perProcess} is false for this kind), so that
 * {@link #close()} followed by the garbage collection of the views releases the memory, as Python's
 * {@code close()} unmaps. A segment larger than {@link Segment#MAX_DATA} is mapped window by window: {@link
 * #buffer(long, int)} maps the part asked for on each call. When the creating process exits the name is removed
 * (the resource tracker, {@link SegmentFiles}); attached handles keep their memory, as {@link SharedMemory}
 * documents.
 *
 * <p>Thread-safe: the handle's state is its attachment, published through a volatile field.
 */
final class ShmSharedMemory implements SharedMemory {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String name;
    private final long size;
    /** This handle's attachment; {@code null} once closed, or when decoding could not attach. */
    private transient volatile Segment segment;
    /** Why a decoded handle could not attach, thrown on use; {@code null} otherwise. */
    private transient volatile RuntimeException attachFailure;

    private ShmSharedMemory(Segment segment) {
        this.name = segment.name();
        this.size = segment.dataSize();
        this.segment = segment;
    }

    /**
     * Creates a segment owned by this process.
     *
     * @param size the size in bytes, at least 1
     * @return an attached handle
     * @throws IllegalArgumentException if {@code size} is less than 1
     * @throws MprocException if {@code /dev/shm} has no room; the message names the size asked and the room free
     */
    static ShmSharedMemory create(long size) {
        if (size < 1) {
            throw new IllegalArgumentException("a shared-memory segment needs a size of at least 1 byte, not "
                    + size);
        }
        return new ShmSharedMemory(Segment.create(Segment.Kind.SHARED_MEMORY, size));
    }

    /**
     * Attaches a new handle to an existing segment.
     *
     * @param name the segment's name
     * @return an attached handle
     * @throws SharedMemoryNotFoundException if no segment has that name
     * @throws MprocException if the name is a segment of another kind or layout version
     */
    static ShmSharedMemory attach(String name) {
        Objects.requireNonNull(name, "name");
        return new ShmSharedMemory(Segment.attach(name, Segment.Kind.SHARED_MEMORY));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public ByteBuffer buffer() {
        Segment s = attached();
        if (size > Integer.MAX_VALUE) {
            throw new IllegalStateException("shared-memory segment " + name + " has " + size
                    + " bytes, more than one ByteBuffer spans (" + Integer.MAX_VALUE + "): use buffer(offset, length)");
        }
        return s.window(0, (int) size);
    }

    @Override
    public ByteBuffer buffer(long offset, int length) {
        Objects.checkFromIndexSize(offset, length, size);
        return attached().window(offset, length);
    }

    @Override
    public void close() {
        Segment s = segment;
        segment = null;
        attachFailure = null;
        if (s != null) {
            s.detach();
        }
    }

    @Override
    public void unlink() {
        try {
            if (!Files.deleteIfExists(SegmentFiles.file(name))) {
                throw new SharedMemoryNotFoundException("shared-memory segment " + name
                        + " is already unlinked (by a process, or by its owner's exit)");
            }
        } catch (IOException e) {
            throw new MprocException("cannot unlink shared-memory segment " + name + ": " + e, e);
        }
    }

    private Segment attached() {
        Segment s = segment;
        if (s == null) {
            RuntimeException failure = attachFailure;
            if (failure instanceof SharedMemoryNotFoundException) {
                throw new SharedMemoryNotFoundException(failure.getMessage());
            }
            if (failure != null) {
                throw new MprocException("shared-memory segment " + name + " could not be attached: "
                        + failure.getMessage(), failure);
            }
            throw new IllegalStateException("this handle of shared-memory segment " + name + " is closed");
        }
        return s;
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        try {
            segment = Segment.attach(name, Segment.Kind.SHARED_MEMORY);
        } catch (RuntimeException e) {
            // Reported on use: decoding a message must not fail because one handle in it is stale.
            attachFailure = e;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShmSharedMemory other && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "SharedMemory[" + name + ", " + size + " bytes" + (segment == null ? ", detached" : "") + "]";
    }
}
