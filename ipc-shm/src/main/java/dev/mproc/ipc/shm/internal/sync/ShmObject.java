package dev.mproc.ipc.shm.internal.sync;

import dev.mproc.MprocException;
import dev.mproc.ipc.shm.internal.ProcessIdentity;
import dev.mproc.ipc.shm.internal.Region;
import dev.mproc.ipc.shm.internal.Segment;
import java.io.Serializable;

/**
 * The handle of a structure in shared memory: the name of its segment and the offset of its slot, nothing else
 * of its state. The mapping is resolved on first use in each process ({@link Segment#attach}, cached per
 * process), so a handle decoded in a child just works. Handles of the same structure are equal, with the same
 * hash code, in every process.
 */
public abstract class ShmObject implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The segment holding the structure. */
    private final String segmentName;
    /** Where the structure starts in the segment's data. */
    protected final int base;
    private transient Segment segment;
    private transient Region region;

    /**
     * @param slot where the structure lives
     */
    protected ShmObject(Arena.Slot slot) {
        this.segmentName = slot.segment().name();
        this.base = slot.offset();
        this.segment = slot.segment();
        this.region = slot.segment().data();
    }

    /** @return the data of the structure's segment, attached on first use in this process */
    protected final Region region() {
        Region r = region;
        if (r == null) {
            r = segment().data();
            region = r;
        }
        return r;
    }

    /** @return the structure's segment, attached on first use in this process */
    final Segment segment() {
        Segment s = segment;
        if (s == null) {
            s = Segment.attach(segmentName, Segment.Kind.ARENA);
            segment = s;
        }
        return s;
    }

    /** @return the process that created the structure */
    final ProcessIdentity owner() {
        return segment().owner();
    }

    /**
     * Tells whether the calling process created the structure, from the segment's name alone (it starts with the
     * owner's {@code pid-startTicks}), so that it answers without attaching, also for an owner that has exited.
     *
     * @return whether the calling process created the structure
     */
    final boolean ownedByThisProcess() {
        return segmentName.startsWith(ProcessIdentity.current() + "-");
    }

    /** @return the owner's pid, from the segment's name */
    final int ownerPid() {
        return Integer.parseInt(segmentName.substring(0, segmentName.indexOf('-')));
    }

    /**
     * Fails if the structure's owner has exited: its state is gone for everybody (see {@link
     * dev.mproc.SharedObject}). Reads {@code /proc}: for the slow paths of blocked callers.
     *
     * @throws MprocException if the owner has exited
     */
    protected final void checkOwnerAlive() {
        ProcessIdentity owner = owner();
        if (!owner.isAlive()) {
            throw new MprocException("the owner of this " + kind() + " (process " + owner.pid()
                    + ") has exited, and the " + kind() + " with it");
        }
    }

    /** @return what the structure is, for messages: "lock", "event", ... */
    protected abstract String kind();

    @Override
    public final boolean equals(Object o) {
        return o instanceof ShmObject other && other.getClass() == getClass() && other.base == base
                && other.segmentName.equals(segmentName);
    }

    @Override
    public final int hashCode() {
        return segmentName.hashCode() * 31 + base;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + segmentName + "@" + base + "]";
    }
}
