package dev.mproc.internal;

import dev.mproc.spi.ExitStatus;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The application class-data-sharing archive of one context's children (JDK 13+ dynamic archives): which JVM options
 * a child gets so that it maps its classes from the archive, or records the archive if there is none yet.
 *
 * <p>One archive per key, where the key hashes the JDK build, the children's JVM options and their class path with
 * each jar's size and modification time, so any change records a new archive and a stale one is never used (the JVM
 * would refuse it anyway, and print a warning). Files in the cache directory:
 * <pre>
 * &lt;key&gt;.jsa        the archive, complete; only ever appears by an atomic rename
 * &lt;key&gt;.lock       present while some child records it; created exclusively, so of two racing parents one records
 * &lt;key&gt;.&lt;pid&gt;.tmp  what the recording child writes when it exits; renamed to .jsa once it exited normally
 * </pre>
 * A recording child that is killed, or halts, writes nothing or a part: its file is deleted, not renamed. A lock
 * left by a parent that died is taken over once it is older than {@link #STALE_LOCK_MILLIS}. The JVM's own CDS log
 * lines are turned off in children, since their standard streams are the user's.
 */
final class ClassDataSharing {

    /** System property naming the archive directory, instead of the user's cache. */
    static final String DIRECTORY_PROPERTY = "mproc.cds.dir";

    static final long STALE_LOCK_MILLIS = TimeUnit.MINUTES.toMillis(2);
    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    private final Path archive;
    private final Path lock;
    private final AtomicBoolean recording = new AtomicBoolean();

    private ClassDataSharing(Path archive, Path lock) {
        this.archive = archive;
        this.lock = lock;
    }

    /**
     * Decides whether children started with these settings can share an archive.
     *
     * @param enabled the context's switch
     * @param java the children's {@code java} executable
     * @param classPath the children's class path
     * @param jvmOptions the children's JVM options
     * @return the archive's manager, or {@code null} where no archive applies
     */
    static ClassDataSharing of(boolean enabled, String java, String classPath, List<String> jvmOptions) {
        try {
            return enabled ? of(java, classPath, jvmOptions, cacheDirectory()) : null;
        } catch (IOException | RuntimeException e) {
            return null; // no cache directory: children start without an archive
        }
    }

    /** {@link #of(boolean, String, String, List)} with the cache directory given; for tests. */
    static ClassDataSharing of(String java, String classPath, List<String> jvmOptions, Path dir) {
        if (classPath.isEmpty()
                || !Path.of(java).equals(Path.of(System.getProperty("java.home"), "bin", "java"))) {
            return null;
        }
        for (String o : jvmOptions) {
            if (o.startsWith("-Xshare") || o.contains("SharedArchiveFile") || o.contains("ArchiveClassesAtExit")
                    || o.contains("AOTCache") || o.contains("AOTMode")) {
                return null;
            }
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, System.getProperty("java.home"));
            update(digest, System.getProperty("java.vm.version"));
            update(digest, String.join("\u0000", jvmOptions));
            for (String entry : classPath.split(File.pathSeparator)) {
                Path jar = Path.of(entry);
                if (!Files.isRegularFile(jar)) {
                    // A directory of classes cannot be archived (the JVM refuses to record), a missing entry changes.
                    return null;
                }
                update(digest, jar.toAbsolutePath().toString());
                update(digest, Long.toString(Files.size(jar)));
                update(digest, Long.toString(Files.getLastModifiedTime(jar).toMillis()));
            }
            String key = "jdk" + Runtime.version().feature() + "-"
                    + HexFormat.of().formatHex(digest.digest(), 0, 16);
            return new ClassDataSharing(dir.resolve(key + ".jsa"), dir.resolve(key + ".lock"));
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            return null; // an unreadable jar: children start without an archive
        }
    }

    private static void update(MessageDigest digest, String s) {
        digest.update(s.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static Path cacheDirectory() throws IOException {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        Path dir = configured != null ? Path.of(configured) : base.resolve("mproc").resolve("cds");
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.getParent());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException e) {
                // Another process made it meanwhile.
            }
        }
        return dir;
    }

    /** What one child gets: its extra JVM options, and what to do once it has exited. */
    record Use(List<String> options, Path recordingTo) {
    }

    /**
     * The archive options for the next child: map the archive if it exists; otherwise, if no child (of any
     * process) records it right now, let this child record it.
     *
     * @return the options, and the file being recorded if this child records
     */
    Use next() {
        if (Files.isReadable(archive)) {
            return new Use(concat("-XX:SharedArchiveFile=" + archive), null);
        }
        if (!recording.compareAndSet(false, true)) {
            return new Use(List.of(), null);
        }
        if (!takeLock()) {
            recording.set(false);
            return new Use(List.of(), null);
        }
        Path tmp = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + System.nanoTime() + ".tmp");
        return new Use(concat("-XX:ArchiveClassesAtExit=" + tmp), tmp);
    }

    /**
     * Completes a recording once its child has exited: the archive is published if the child exited normally
     * (the JVM writes it during an orderly exit), discarded otherwise.
     *
     * @param tmp the file the child recorded to
     * @param exit how the child ended
     */
    void recorded(Path tmp, CompletableFuture<ExitStatus> exit) {
        exit.whenComplete((status, failure) -> {
            try {
                boolean complete = failure == null && status != null && !status.signal() && Files.size(tmp) > 0;
                if (complete) {
                    try {
                        Files.move(tmp, archive, StandardCopyOption.ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.deleteIfExists(tmp);
                    }
                }
            } catch (IOException e) {
                // Nothing recorded (the child halted) or already gone: the next context tries again.
            } finally {
                try {
                    Files.deleteIfExists(tmp);
                    Files.deleteIfExists(lock);
                } catch (IOException e) {
                    // A lock left behind is taken over when stale.
                }
                recording.set(false);
            }
        });
    }

    private boolean takeLock() {
        try {
            Files.createFile(lock);
            return true;
        } catch (FileAlreadyExistsException e) {
            try {
                long age = System.currentTimeMillis() - Files.getLastModifiedTime(lock).toMillis();
                if (age > STALE_LOCK_MILLIS) {
                    Files.deleteIfExists(lock);
                    Files.createFile(lock);
                    return true;
                }
            } catch (IOException again) {
                return false;
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> concat(String option) {
        return List.of(option, QUIET.get(0), QUIET.get(1));
    }

    /** @return the archive's path, for diagnostics and tests */
    Path archive() {
        return archive;
    }
}
