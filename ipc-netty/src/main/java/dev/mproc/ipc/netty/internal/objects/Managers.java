package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.shared.Manager;

/**
 * The netty backend's managers. A manager is an object of its creator's object server, and so is each of its
 * containers: no server process of its own, unlike Python's, since the creator's server already serves every
 * process of the tree. Its state therefore lives until {@link Manager#shutdown()} or until the creator's context
 * closes (the creator exits), whichever comes first.
 *
 * <p>Containers are not reclaimed when their handles are dropped (there is no distributed reference counting, as
 * Python's manager has): each lives until its manager shuts down.
 *
 * <p>Keys are decoded at the owner and compared there by {@code equals} and {@code hashCode}, in the class loader
 * that was the creating thread's context class loader; decoding and comparing run on the owner's event loop, which
 * serves every shared object of the owner, so a key class with slow {@code equals} or {@code hashCode} slows them
 * all. Values and elements stay encoded at the owner and are decoded there only when an operation compares them
 * and their bytes cannot settle it (see {@link ManagerProtocol}).
 */
public final class Managers {

    private Managers() {
    }

    /**
     * Creates a manager owned by this process.
     *
     * @param factory registers the state and builds the proxy
     * @return the proxy
     */
    public static Manager manager(ObjectFactory factory) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ClassLoader classes = loader != null ? loader : Managers.class.getClassLoader();
        return factory.create(server -> new ManagerObject(server, classes), NettyManager::new);
    }
}
