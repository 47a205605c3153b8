package dev.mproc.ipc.netty.internal;

import dev.mproc.spi.ControlLink;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** Lets a test write bytes that a well-behaved link never would, on an authenticated connection. */
final class SocketControlLinkProbe {

    private SocketControlLinkProbe() {
    }

    static void writeRawHeader(ControlLink link, int claimedLength) throws IOException {
        try {
            Field f = SocketControlLink.class.getDeclaredField("channel");
            f.setAccessible(true);
            SocketChannel ch = (SocketChannel) f.get(link);
            ch.write(ByteBuffer.allocate(4).putInt(claimedLength).flip());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
