package dev.mproc.spi;

import java.io.IOException;
import java.util.Optional;

/**
 * Starts child processes and gives the context a handle to watch and signal each one. Implementations are
 * thread-safe: a context may spawn from several threads at once.
 */
public interface SpawnBackend extends AutoCloseable {

    /**
     * Starts one child process as described. Returns once the operating system has created the process; the
     * child has not necessarily started running Java code yet.
     *
     * @param spec the command, environment, standard streams and process attributes
     * @return a handle to the running child
     * @throws IOException if the operating system refused to create the process
     * @throws UnsupportedOperationException if the spec asks for an attribute this backend cannot provide
     *     (for example a new session on a backend without session control); the message names it
     */
    SpawnedProcess spawn(LaunchSpec spec) throws IOException;

    /**
     * The number of CPUs this process may use: honours the affinity mask and a container's CPU quota where the
     * backend can see them.
     *
     * @return at least 1
     */
    default int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Whether this backend reaps processes it did not start that were re-parented to this JVM — orphaned
     * grandchildren, when this JVM is PID 1 of a container or a child subreaper. A backend on the JDK's process API
     * cannot; it then leaves such processes as zombies until something else reaps them.
     *
     * @return {@code true} if orphans re-parented to this JVM are reaped
     */
    /**
     * Whether {@link #spawn} honours {@link LaunchSpec#controlPipes()}, giving the child its control pipes at the
     * descriptors {@link ControlPipes} names and the parent their other ends through
     * {@link SpawnedProcess#controlPipes()}. The context then talks to its children over those pipes instead of
     * the IPC backend's control server: a child starts sooner (see {@link ControlPipes}).
     *
     * @return {@code false} unless the backend can place extra descriptors in a child
     */
    default boolean supportsControlPipes() {
        return false;
    }

    default boolean reapsOrphans() {
        return false;
    }

    /**
     * The {@link ChildBootHook} class every child JVM started through this backend loads and runs at boot, if
     * the backend needs one. It must be on the child's class path (the backend's own jar is).
     *
     * @return the fully qualified class name, or empty when children need no hook
     */
    default Optional<String> childBootHookClass() {
        return Optional.empty();
    }

    /** Releases backend resources (helper threads); children already started are not affected. */
    @Override
    default void close() {
    }
}
