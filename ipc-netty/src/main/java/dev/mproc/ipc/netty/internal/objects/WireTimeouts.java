package dev.mproc.ipc.netty.internal.objects;

import java.nio.ByteBuffer;

/** How blocking calls put their timeout ({@link dev.mproc.spi.Timeouts}) on the wire: 8 bytes, big-endian. */
public final class WireTimeouts {

    /**
     * @param nanos a wire timeout
     * @return an 8-byte argument list holding it
     */
    public static byte[] args(long nanos) {
        return ByteBuffer.allocate(8).putLong(nanos).array();
    }
}
