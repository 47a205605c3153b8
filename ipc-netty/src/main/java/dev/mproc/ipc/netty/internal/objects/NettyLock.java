package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.sync.Lock;

/** The proxy of a plain (non-reentrant) {@link LockObject}. */
final class NettyLock extends NettyLockBase implements Lock {
    private static final long serialVersionUID = 1L;

    /**
     * @param ref the lock's handle
     * @param client the owner's client
     */
    NettyLock(Ref ref, ObjectClient client) {
        super(ref, client);
    }

    @Override
    Thread holdOwner() {
        return null;
    }
}
