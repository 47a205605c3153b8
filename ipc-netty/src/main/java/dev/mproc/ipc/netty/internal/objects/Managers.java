package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.shared.Manager;

/**
 * The netty backend's managers.
 *
 * <h2>Where the state lives</h2>
 * A manager is an object of its creator's object server, and so is each of its containers: there is no server
 * process of its own, unlike Python's, since the creator's server already serves every process of the tree. A
 * process holding the manager's handle asks the manager object to create a container; the container is
 * registered at the same server and its id comes back. The state lives until {@link Manager#shutdown()} (one
 * round trip: no grace period, nothing to kill) or until the creator's context closes (the creator exits),
 * whichever comes first. After shutdown the manager object stays behind as a tombstone of a few bytes, so that
 * {@link Manager#map()} fails with "shut down" in every process; containers are disposed, and calls on them fail
 * with {@link dev.mproc.MprocException}. Containers are not reclaimed when their handles are dropped (there is no
 * distributed reference counting, as Python's manager has): each lives until its manager shuts down.
 *
 * <h2>Equality of keys, values and elements</h2>
 * Keys are decoded at the owner and compared there by {@code equals} and {@code hashCode}, as a
 * {@link java.util.HashMap} would (so a key sent by one process as an {@code ArrayList} finds the entry another
 * process wrote with an equal {@code LinkedList}); arrays, whose {@code equals} is identity, compare by content.
 * Decoding uses the class loader that was the creating thread's context class loader. Limits: the owner must be
 * able to load every key class (it can, in a process tree that shares one class path), and decoding and comparing
 * run on the owner's event loop, which serves every shared object of the owner, so a key class with a slow
 * {@code equals}, {@code hashCode} or deserialization slows them all. Values and elements stay as their senders
 * encoded them and are decoded at the owner only when an operation compares them and their bytes cannot settle it
 * (see {@link ManagerProtocol}); {@code compute}, {@code merge} and {@code updateAndGet} compare exact bytes and
 * never decode there.
 *
 * <p>A snapshot travels in one frame, so a container larger than the maximum frame size
 * ({@code mproc.maxFrameBytes}, 256 MiB by default) cannot be copied whole: {@code snapshot()} then fails with
 * {@link dev.mproc.MprocException}, and the caller's connection to the owner is kept.
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
