package dev.mproc.spawn.posix;

import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A pid file held under an exclusive {@code fcntl} write lock for the life of the service that wrote it. The
 * lock, not the file's content, says whether the service runs: the kernel releases it when the process ends,
 * however it ends, so a pid file left by a killed service is recognised as stale and taken over, and
 * {@code F_GETLK} names the process that holds it.
 *
 * <p>Record locks belong to the process and vanish when it closes <em>any</em> descriptor of the file: the
 * service must not open its own pid file. On an orderly end the holder removes the file, and the lock goes when
 * the process has exited; a starter that opened the old file just before may then lock a file no longer
 * reachable by its name, so after locking it checks that the path still names the file it holds, and starts
 * over if not.
 */
final class PidFile {

    private final Path path;
    private final int fd;

    private PidFile(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /** The outcome of {@link #acquire}: the held file, or the pid of the process that holds it. */
    record Acquired(PidFile file, long holder) {
    }

    /**
     * Locks the pid file, creating it if needed, and writes this process's pid into it; or names the holder.
     *
     * @param path the pid file
     * @return the locked file, or the holder's pid
     * @throws IOException if the file cannot be opened or written
     */
    static Acquired acquire(Path path) throws IOException {
        while (true) {
            int fd = LibC.open(path.toString(), LibC.O_RDWR | LibC.O_CREAT | LibC.O_CLOEXEC, 0644);
            if (fd < 0) {
                throw new IOException("cannot open pid file " + path + ": " + LibC.describe(LibC.errno()));
            }
            if (LibC.fcntl(fd, LibC.F_SETLK, flock(LibC.F_WRLCK)) != 0) {
                int errno = LibC.errno();
                long holder = errno == LibC.EAGAIN || errno == LibC.EACCES ? holder(fd) : -1;
                LibC.close(fd);
                if (holder > 0) {
                    return new Acquired(null, holder);
                }
                if (errno != LibC.EAGAIN && errno != LibC.EACCES) {
                    throw new IOException("cannot lock pid file " + path + ": " + LibC.describe(errno));
                }
                continue; // released between our attempt and the query: try again
            }
            if (!sameFile(fd, path)) {
                LibC.close(fd);
                continue;
            }
            byte[] pid = (LibC.getpid() + "\n").getBytes(StandardCharsets.US_ASCII);
            Memory buffer = new Memory(pid.length);
            buffer.write(0, pid, 0, pid.length);
            if (LibC.ftruncate(fd, 0) != 0 || LibC.write(fd, buffer, pid.length) != pid.length) {
                int errno = LibC.errno();
                LibC.close(fd);
                throw new IOException("cannot write pid file " + path + ": " + LibC.describe(errno));
            }
            return new Acquired(new PidFile(path, fd), 0);
        }
    }

    /**
     * @param path a pid file
     * @return the pid of the process holding its lock; empty if none does (or there is no such file)
     * @throws IOException if the file exists but cannot be opened
     */
    static OptionalLong holder(Path path) throws IOException {
        int fd = LibC.open(path.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        if (fd < 0) {
            int errno = LibC.errno();
            if (errno == LibC.ENOENT) {
                return OptionalLong.empty();
            }
            throw new IOException("cannot open pid file " + path + ": " + LibC.describe(errno));
        }
        try {
            long pid = holder(fd);
            return pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
        } finally {
            LibC.close(fd);
        }
    }

    /**
     * Waits until nobody holds the pid file's lock (its holder ended or let go), without taking it for longer
     * than a moment.
     *
     * @param path a pid file
     * @throws IOException if the file cannot be opened or locked
     */
    static void awaitReleased(Path path) throws IOException {
        int fd = LibC.open(path.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        if (fd < 0) {
            return; // removed: its holder let go
        }
        try {
            // A read lock conflicts with the holder's write lock, so F_SETLKW blocks until it is released.
            Memory lock = flock((short) 0);
            int r;
            do {
                r = LibC.fcntl(fd, LibC.F_SETLKW, lock);
            } while (r != 0 && LibC.errno() == LibC.EINTR);
            if (r != 0) {
                throw new IOException("cannot wait for pid file " + path + ": " + LibC.describe(LibC.errno()));
            }
        } finally {
            LibC.close(fd);
        }
    }

    /**
     * @param path a pid file
     * @return the pid written in it, if it holds one
     */
    static OptionalLong recorded(Path path) {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(path, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static long holder(int fd) {
        Memory query = flock(LibC.F_WRLCK);
        if (LibC.fcntl(fd, LibC.F_GETLK, query) != 0 || query.getShort(0) == LibC.F_UNLCK) {
            return -1;
        }
        return query.getInt(LibC.FLOCK_PID_OFFSET);
    }

    /** A whole-file lock request ({@code l_start = 0, l_len = 0}) of the given type: 0 read, 1 write. */
    private static Memory flock(short type) {
        Memory m = new Memory(LibC.FLOCK_BYTES);
        m.clear();
        m.setShort(0, type);
        return m;
    }

    private static boolean sameFile(int fd, Path path) {
        Memory open = new Memory(LibC.STAT_BYTES);
        Memory named = new Memory(LibC.STAT_BYTES);
        return LibC.fstat(fd, open) == 0 && LibC.stat(path.toString(), named) == 0
                && open.getLong(0) == named.getLong(0)
                && open.getLong(LibC.STAT_INO_OFFSET) == named.getLong(LibC.STAT_INO_OFFSET);
    }

    /**
     * Removes the file while keeping the lock: the lock goes with the process, when its last thread has exited,
     * so that {@code stop} (which waits for the lock) returns only once the service is really gone. A starter
     * that finds no file creates a new one; one that opened this file just before finds it unlinked and starts
     * over (see {@link #acquire}).
     */
    void remove() {
        try {
            if (sameFile(fd, path)) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // Left behind: once this process has exited, the next start finds it unlocked and takes it over.
        }
    }
}
