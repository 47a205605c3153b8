package dev.mproc.ipc.shm.internal;

import dev.mproc.MprocException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where segment files live, and who removes them.
 *
 * <pre>
 * /dev/shm/mproc.&lt;uid&gt;/                 0700, owned by the user; refused if anything else
 *     &lt;pid&gt;-&lt;startTicks&gt;/              0700, one per owning process ({@link ProcessIdentity})
 *         &lt;pid&gt;-&lt;startTicks&gt;-&lt;random&gt;   0600, one per segment; the random part is 128 bits
 * </pre>
 *
 * A segment lives as long as the process that created it. Three things make sure of that, also when the owner is
 * killed: the owner's <em>resource tracker</em>, a {@code /bin/sh} child started with the owner's first segment,
 * reads a pipe from the owner that is never written, and removes the owner's directory when the pipe reaches
 * end-of-file, which the kernel delivers when the owner's last descriptor closes, however it ended; a shutdown
 * hook removes it on a normal exit at once; and every process that opens the user directory first sweeps the
 * directories of owners that are no longer alive, in case a tracker was killed with its owner (a process-group
 * kill). Processes that have a segment mapped keep their mapping after the name is gone, as with {@code
 * shm_unlink}.
 *
 * <p>A segment's name is its file name, {@code <pid>-<startTicks>-<32 hex digits>}: it says which owner directory
 * holds the file, and the 128 random bits make it unguessable. A name of any other form (a path, {@code ..}) is
 * refused before any file is touched ({@link #file}). The sweep trusts only directory names of the form
 * {@code <pid>-<startTicks>} and removes one when no live process has that pid and start time.
 */
final class SegmentFiles {

    private static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");

    private static final Object LOCK = new Object();
    private static Path userDirectory;
    private static Path ownDirectory;
    /** The write end of the tracker's pipe: held, never written, for the life of this process. */
    private static OutputStream trackerPipe;

    private SegmentFiles() {
    }

    /** @return the root that holds the user directories: {@code /dev/shm}, or the {@code mproc.shm.root} property */
    static Path root() {
        return Path.of(System.getProperty("mproc.shm.root", "/dev/shm"));
    }

    /**
     * The directory of the current user's segments, created 0700 if missing, after sweeping the directories of
     * dead owners.
     *
     * @return the directory
     * @throws MprocException if it exists and is not a private directory of this user
     */
    static Path userDirectory() {
        synchronized (LOCK) {
            if (userDirectory == null) {
                Path dir = root().resolve("mproc." + uid());
                try {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
                } catch (FileAlreadyExistsException e) {
                    // Checked below, whoever created it.
                } catch (IOException e) {
                    throw new MprocException("cannot create the shared-memory directory " + dir + ": " + e, e);
                }
                checkPrivate(dir);
                sweep(dir);
                userDirectory = dir;
            }
            return userDirectory;
        }
    }

    /**
     * The directory of this process's own segments, created with its tracker on first use.
     *
     * @return the directory
     */
    static Path ownDirectory() {
        synchronized (LOCK) {
            if (ownDirectory == null) {
                Path dir = userDirectory().resolve(ProcessIdentity.current().toString());
                try {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
                } catch (FileAlreadyExistsException e) {
                    checkPrivate(dir);
                } catch (IOException e) {
                    throw new MprocException("cannot create the shared-memory directory " + dir + ": " + e, e);
                }
                startTracker(dir);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir), "mproc-shm-cleanup"));
                ownDirectory = dir;
            }
            return ownDirectory;
        }
    }

    /**
     * The file of a segment, by name, in its owner's directory.
     *
     * @param name a segment name as {@link Segment#name()} returns it
     * @return the path, which may not exist
     * @throws IllegalArgumentException if the name is not one this backend gives
     */
    static Path file(String name) {
        if (!name.matches("\\d+-\\d+-[0-9a-f]{32}")) {
            throw new IllegalArgumentException("not the name of a shared-memory segment of this backend: " + name);
        }
        String owner = name.substring(0, name.lastIndexOf('-'));
        return userDirectory().resolve(owner).resolve(name);
    }

    private static void startTracker(Path dir) {
        try {
            java.lang.Process tracker = new ProcessBuilder("/bin/sh", "-c", "cat >/dev/null; exec rm -rf -- \"$1\"",
                    "mproc-shm-tracker", dir.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            trackerPipe = tracker.getOutputStream();
        } catch (IOException e) {
            throw new MprocException("cannot start the shared-memory resource tracker (/bin/sh): " + e, e);
        }
    }

    private static void sweep(Path userDir) {
        try (DirectoryStream<Path> owners = Files.newDirectoryStream(userDir)) {
            for (Path owner : owners) {
                String n = owner.getFileName().toString();
                if (!n.matches("\\d+-\\d+")) {
                    continue;
                }
                int dash = n.indexOf('-');
                ProcessIdentity id = new ProcessIdentity(Integer.parseInt(n.substring(0, dash)),
                        Long.parseLong(n.substring(dash + 1)));
                if (!id.isAlive()) {
                    delete(owner);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Sweeping is a courtesy for crashed owners; failing it must not fail the caller.
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // Already gone, or removed by the tracker meanwhile.
        }
    }

    private static void checkPrivate(Path dir) {
        try {
            PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            if (!a.isDirectory() || owner != uid() || !a.permissions().equals(EnumSet.copyOf(PRIVATE_DIR))) {
                throw new MprocException("refusing the shared-memory directory " + dir + ": it must be a directory"
                        + " of uid " + uid() + " with mode 0700, not a link (found owner " + owner + ", mode "
                        + PosixFilePermissions.toString(a.permissions()) + ")");
            }
        } catch (IOException e) {
            throw new MprocException("cannot check the shared-memory directory " + dir + ": " + e, e);
        }
    }

    private static int uid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException e) {
            throw new MprocException("cannot read this process's uid: " + e, e);
        }
    }
}
