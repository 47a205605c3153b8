package dev.mproc.internal.control;

import dev.mproc.spi.ChildConnector;
import dev.mproc.spi.ControlLink;
import dev.mproc.spi.ControlPipes;
import dev.mproc.spi.Handshake;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.time.Duration;

/**
 * The child side of a control channel over the pipes its spawn backend placed at the descriptors
 * {@link ControlPipes} names. Opening {@code /proc/self/fd/<n>} of a pipe opens the same pipe again, the only way
 * plain Java reaches an inherited descriptor; the originals stay open until the child exits, which costs nothing.
 *
 * <p>No timeout applies: the other ends belong to the parent that started this JVM, and if it dies the pipes
 * reach end-of-file.
 */
public final class PipeChildConnector implements ChildConnector {

    /** The address the parent records for a child that talks over its control pipes. */
    public static final String ADDRESS = "pipes:" + ControlPipes.CHILD_READS_FD + "," + ControlPipes.CHILD_WRITES_FD;

    /** Used by the child bootstrap, which loads this class by name. */
    public PipeChildConnector() {
    }

    @Override
    public ControlLink connect(String address, long token, byte[] secret, Duration timeout, int maxFrameBytes)
            throws IOException {
        if (!ADDRESS.equals(address)) {
            throw new IOException("unsupported control address for pipes: " + address);
        }
        FileChannel in = new FileInputStream("/proc/self/fd/" + ControlPipes.CHILD_READS_FD).getChannel();
        FileOutputStream out;
        try {
            out = new FileOutputStream("/proc/self/fd/" + ControlPipes.CHILD_WRITES_FD);
        } catch (IOException e) {
            in.close();
            throw e;
        }
        PipeControlLink link = new PipeControlLink(in, out, maxFrameBytes);
        try {
            Handshake.authenticateChild(link, token, secret, "the parent's control pipes");
            return link;
        } catch (IOException | RuntimeException e) {
            link.close();
            throw e;
        }
    }
}
