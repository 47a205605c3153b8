package dev.mproc.spawn.posix;

import java.io.Closeable;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Turns the parent's end of a child's pipe — a raw descriptor from {@code pipe2} — into a {@code java.io} stream,
 * which the api's {@link dev.mproc.spi.InputStreamPublisher} and {@link dev.mproc.spi.OutputStreamStdin} then
 * serve.
 *
 * <p>Why through {@code /proc}: the JDK has no public way to wrap a raw descriptor in a stream or channel
 * ({@code FileDescriptor}'s number is private, and reflection on it needs {@code --add-opens}). Opening
 * {@code /proc/self/fd/<n>} of an anonymous pipe opens the same pipe again — a new open file description of the
 * same pipe, never blocking, since anonymous pipes skip the FIFO rendezvous — so the stream is a full substitute
 * and the raw descriptor is closed right after. The JDK opens files without {@code O_CLOEXEC}, so the stream's
 * descriptor is found again in {@code /proc/self/fd} (the only new descriptor of that pipe) and marked
 * close-on-exec, so that it does not leak into a child that other code forks without closing descriptors (this
 * backend's and {@code ProcessBuilder}'s children close them all anyway). Linux only, as this backend is.
 *
 * <p>Follow-up: one {@code epoll} thread serving every child's non-blocking descriptors, instead of a thread per
 * piped stream (see docs/ARCHITECTURE.md, "What posix-fork must do").
 */
final class PipeEnds {

    private static final Path PROC_FD = Path.of("/proc/self/fd");

    private PipeEnds() {
    }

    /** Opens a path as a stream. */
    @FunctionalInterface
    private interface Opener<T extends Closeable> {
        T open(String path) throws IOException;
    }

    /**
     * @param fd the read end of a pipe; closed by this call, whatever happens
     * @return a stream reading the same pipe
     * @throws IOException if it cannot be reopened
     */
    static InputStream input(int fd) throws IOException {
        return wrap(fd, FileInputStream::new);
    }

    /**
     * @param fd the write end of a pipe; closed by this call, whatever happens
     * @return a stream writing the same pipe
     * @throws IOException if it cannot be reopened
     */
    static OutputStream output(int fd) throws IOException {
        return wrap(fd, FileOutputStream::new);
    }

    /**
     * @param fd the read end of a pipe; closed by this call, whatever happens
     * @return a channel reading the same pipe, closeable while a thread is blocked in it
     * @throws IOException if it cannot be reopened
     */
    static FileChannel readChannel(int fd) throws IOException {
        return wrap(fd, path -> new FileInputStream(path).getChannel());
    }

    /**
     * @param fd the write end of a pipe; closed by this call, whatever happens
     * @return a channel writing the same pipe, closeable while a thread is blocked in it
     * @throws IOException if it cannot be reopened
     */
    static FileChannel writeChannel(int fd) throws IOException {
        return wrap(fd, path -> new FileOutputStream(path).getChannel());
    }

    private static <T extends Closeable> T wrap(int fd, Opener<T> opener) throws IOException {
        try {
            Path path = PROC_FD.resolve(Integer.toString(fd));
            String pipe = Files.readSymbolicLink(path).toString(); // "pipe:[inode]", shared by both ends
            Set<Integer> before = descriptorsOf(pipe);
            T stream = opener.open(path.toString());
            try {
                Set<Integer> opened = descriptorsOf(pipe);
                opened.removeAll(before);
                if (opened.size() != 1) {
                    throw new IOException("cannot find the descriptor the JDK opened for " + pipe + " (new: "
                            + opened + ")");
                }
                int copy = opened.iterator().next();
                if (LibC.fcntl(copy, LibC.F_SETFD, LibC.FD_CLOEXEC) != 0) {
                    throw new IOException("cannot mark descriptor " + copy + " close-on-exec: "
                            + LibC.describe(LibC.errno()));
                }
                return stream;
            } catch (IOException | RuntimeException e) {
                stream.close();
                throw e;
            }
        } finally {
            LibC.close(fd);
        }
    }

    /** The descriptors of this process open on the pipe (either end). */
    private static Set<Integer> descriptorsOf(String pipe) throws IOException {
        Set<Integer> fds = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC_FD)) {
            for (Path entry : entries) {
                try {
                    if (Files.readSymbolicLink(entry).toString().equals(pipe)) {
                        fds.add(Integer.parseInt(entry.getFileName().toString()));
                    }
                } catch (IOException e) {
                    // Closed meanwhile (another thread's descriptor, or the directory stream's own): not ours.
                }
            }
        }
        return fds;
    }
}
