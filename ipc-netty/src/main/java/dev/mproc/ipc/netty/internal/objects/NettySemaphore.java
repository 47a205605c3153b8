package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.sync.Semaphore;

/** The proxy of an unbounded {@link SemaphoreObject}. */
final class NettySemaphore extends NettySemaphoreBase implements Semaphore {
    private static final long serialVersionUID = 1L;

    /**
     * @param ref the semaphore's handle
     * @param client the owner's client
     */
    NettySemaphore(Ref ref, ObjectClient client) {
        super(ref, client);
    }
}
