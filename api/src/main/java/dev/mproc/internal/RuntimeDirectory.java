package dev.mproc.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A directory that only the current user can enter (mode 0700), for a context's socket and shared-memory
 * files. Short paths matter: a Unix socket path is limited to 107 bytes, so it lives directly under the
 * temporary directory.
 */
final class RuntimeDirectory {

    private RuntimeDirectory() {
    }

    static Path create() {
        Path base = Paths.get(System.getProperty("mproc.runtime.dir", System.getProperty("java.io.tmpdir", "/tmp")));
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                return Files.createTempDirectory(base, "mproc-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            return Files.createTempDirectory(base, "mproc-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a private runtime directory under " + base
                    + " (set -Dmproc.runtime.dir to a writable directory)", e);
        }
    }

    /** Removes the directory and what it holds; best effort, as it runs at exit too. */
    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Already gone, or removed concurrently: nothing left to do.
        }
    }
}
