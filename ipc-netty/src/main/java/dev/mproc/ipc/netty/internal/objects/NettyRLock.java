package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.sync.RLock;
import java.nio.ByteBuffer;

/** The proxy of a reentrant {@link LockObject}. */
final class NettyRLock extends NettyLockBase implements RLock {
    private static final long serialVersionUID = 1L;

    /**
     * @param ref the lock's handle
     * @param client the owner's client
     */
    NettyRLock(Ref ref, ObjectClient client) {
        super(ref, client);
    }

    @Override
    Thread holdOwner() {
        return Thread.currentThread();
    }

    @Override
    public int holdCount() {
        ByteBuffer p = client().callQuick(ref.id(), LockObject.HOLD_COUNT).payload();
        return p.getInt(p.position());
    }
}
