package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.pipe.Connection;
import dev.mproc.pipe.Pipe;

/**
 * The netty backend's pipes. A pipe's state (each end's inbox of messages sent by the other, and who holds
 * which end) lives at the process that created it, in two {@link ConnectionObject}s; every process holding an
 * end, the owner included, reaches them by messages. When the owner exits, the pipe is gone: the messages it
 * held are lost and the other processes' calls throw {@link java.io.IOException}.
 */
public final class Pipes {

    private Pipes() {
    }

    /**
     * Creates a pipe owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @param duplex as in {@link dev.mproc.Primitives}
     * @return the two ends
     */
    public static Pipe pipe(ObjectFactory factory, boolean duplex) {
        ConnectionObject[][] ends = new ConnectionObject[1][];
        Connection left = factory.create(server -> {
            ends[0] = ConnectionObject.pair(server, duplex);
            return ends[0][0];
        }, (ref, client) -> NettyConnection.created(ref, client, true, duplex, ends[0][0]));
        Connection right = factory.create(server -> ends[0][1],
                (ref, client) -> NettyConnection.created(ref, client, duplex, true, ends[0][1]));
        return new Pipe(left, right);
    }
}
