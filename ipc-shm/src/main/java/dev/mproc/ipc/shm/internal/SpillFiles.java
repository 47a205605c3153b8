package dev.mproc.ipc.shm.internal;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Files for messages too large for a ring, kept in the directory of the ring's owner rather than the writer's:
 * a spilled message then lives exactly as long as the queue or pipe that holds it (the owner's resource tracker
 * removes it with everything else of the owner), whoever wrote it and whenever the writer exits. The files are
 * read and written with plain {@code read}/{@code write}, never mapped, so a reader that removes one after
 * reading leaves no mapping behind.
 */
public final class SpillFiles {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "spill-";

    private SpillFiles() {
    }

    /**
     * @return a fresh file name, 128 random bits
     */
    public static String newName() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return PREFIX + HexFormat.of().formatHex(random);
    }

    /**
     * The path of a spill file in its owner's directory.
     *
     * @param owner the owner of the ring
     * @param name a name from {@link #newName()}
     * @return the path, which may not exist
     * @throws IllegalArgumentException if the name is not one this class gives
     */
    public static Path file(ProcessIdentity owner, String name) {
        if (!name.matches(PREFIX + "[0-9a-f]{32}")) {
            throw new IllegalArgumentException("not the name of a spilled message: " + name);
        }
        return SegmentFiles.userDirectory().resolve(owner.toString()).resolve(name);
    }
}
