package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.MprocException;
import dev.mproc.shared.Manager;
import dev.mproc.shared.SharedList;
import dev.mproc.shared.SharedMap;
import dev.mproc.shared.SharedNamespace;
import java.nio.ByteBuffer;

/**
 * The proxy of a {@link ManagerObject}. Like every proxy it is serializable: a process that receives it creates
 * containers owned by the same manager, and its {@link #shutdown()} shuts the manager down for everybody.
 */
final class NettyManager extends RemoteObject implements Manager {
    private static final long serialVersionUID = 1L;

    /** Set by this handle's own shutdown, so that it answers without asking the owner. */
    private transient volatile boolean shutdown;

    /**
     * @param ref the manager's handle
     * @param client the client of its owner
     */
    NettyManager(Ref ref, ObjectClient client) {
        super(ref, client);
    }

    @Override
    public <K, V> SharedMap<K, V> map() {
        return new NettySharedMap<>(create(ManagerObject.NEW_MAP), client());
    }

    @Override
    public <E> SharedList<E> list() {
        return new NettySharedList<>(create(ManagerObject.NEW_LIST), client());
    }

    @Override
    public SharedNamespace namespace() {
        return new NettySharedNamespace(create(ManagerObject.NEW_NAMESPACE), client());
    }

    private Ref create(byte op) {
        if (shutdown) {
            throw new IllegalStateException(this + " has shut down; it creates no more containers");
        }
        ByteBuffer id = client().callQuick(ref.id(), op).payload();
        return new Ref(ref.address(), id.getLong());
    }

    @Override
    public void shutdown() {
        if (shutdown) {
            return;
        }
        shutdown = true;
        try {
            client().callQuick(ref.id(), ManagerObject.SHUTDOWN);
        } catch (MprocException e) {
            // The owner is gone, and the manager with it: there is nothing left to stop.
        }
    }

    @Override
    public boolean isShutdown() {
        if (shutdown) {
            return true;
        }
        try {
            return client().callQuick(ref.id(), ManagerObject.IS_SHUTDOWN).payload().get() != 0;
        } catch (MprocException e) {
            return true; // the owner is gone, and the manager with it
        }
    }
}
