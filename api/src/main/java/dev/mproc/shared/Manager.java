package dev.mproc.shared;

/**
 * Holds shared containers for processes and serves their operations: Python's
 * {@code multiprocessing.Manager()}. Created, already running, by {@link dev.mproc.Primitives#manager()}.
 *
 * <p>Python needs a manager to share queues and locks with a {@code Pool}; here every primitive can be passed
 * to a pool task directly, so a manager is needed only for its containers: {@link #map()}, {@link #list()}
 * and {@link #namespace()}. Their handles may be passed to other processes and stored in each other (a map
 * whose values are lists), as Python's proxies can.
 *
 * <h2>Lifecycle</h2>
 * The manager owns its containers. Where its state lives is the IPC backend's choice (a server process of
 * its own, as Python, or the process that created it); it lives until {@link #shutdown()} or until the
 * process that created the manager exits, whichever comes first. Afterwards every container's methods
 * throw {@link dev.mproc.MprocException} in every process (Python raises {@code BrokenPipeError} or
 * {@code EOFError}). A manager is {@link AutoCloseable}, as Python's {@code with Manager() as m:}.
 *
 * <h2>Passing the manager</h2>
 * The manager handle may be used by several threads, and, like a {@link dev.mproc.SharedObject}, passed to
 * other processes: captured by a target or task, or carried in a message. A process that receives it creates
 * containers owned by the same manager (a pool task can make a fresh map for its results), and
 * {@link #shutdown()} called there shuts the manager down for every process. Python's manager object cannot be
 * passed to a child; its proxies can. Handles to the same manager are equal in every process.
 *
 * <p>Containers are not reclaimed when every handle to them is dropped (Python's manager counts references to
 * do that): each lives as long as its manager.
 */
public interface Manager extends AutoCloseable {

    /**
     * Creates an empty shared map: Python's {@code dict()}. The type arguments are not checked across
     * processes; a key or value of another class surfaces as a {@link ClassCastException} where used.
     *
     * @param <K> the type of the keys
     * @param <V> the type of the values
     * @return the new map, owned by this manager
     * @throws IllegalStateException if the manager has shut down
     * @throws dev.mproc.MprocException if the process that created the manager has exited
     */
    <K, V> SharedMap<K, V> map();

    /**
     * Creates an empty shared list: Python's {@code list()}. The type argument is not checked across
     * processes.
     *
     * @param <E> the type of the elements
     * @return the new list, owned by this manager
     * @throws IllegalStateException if the manager has shut down
     * @throws dev.mproc.MprocException if the process that created the manager has exited
     */
    <E> SharedList<E> list();

    /**
     * Creates an empty shared namespace: Python's {@code Namespace()}.
     *
     * @return the new namespace, owned by this manager
     * @throws IllegalStateException if the manager has shut down
     * @throws dev.mproc.MprocException if the process that created the manager has exited
     */
    SharedNamespace namespace();

    /**
     * Stops the manager and discards every container it owns. Blocks until the manager has stopped, which
     * takes at most a grace period the backend documents, after which its server, if it has one, is
     * killed. Does not react to interruption. Calling it again, in any process, has no effect; so does calling
     * it after the process that created the manager has exited.
     */
    void shutdown();

    /**
     * Tells whether {@link #shutdown()} was called or the manager stopped otherwise.
     *
     * @return {@code true} if the manager no longer serves
     */
    boolean isShutdown();

    /**
     * Shuts the manager down, as {@link #shutdown()}.
     */
    @Override
    default void close() {
        shutdown();
    }
}
