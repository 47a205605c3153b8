package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.sync.BoundedSemaphore;

/** The proxy of a bounded {@link SemaphoreObject}; the bound travels with the handle. */
final class NettyBoundedSemaphore extends NettySemaphoreBase implements BoundedSemaphore {
    private static final long serialVersionUID = 1L;

    private final int bound;

    /**
     * @param ref the semaphore's handle
     * @param client the owner's client
     * @param bound the initial and greatest number of permits
     */
    NettyBoundedSemaphore(Ref ref, ObjectClient client, int bound) {
        super(ref, client);
        this.bound = bound;
    }

    @Override
    public int bound() {
        return bound;
    }
}
