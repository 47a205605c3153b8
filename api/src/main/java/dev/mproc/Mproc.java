package dev.mproc;

import dev.mproc.internal.DefaultContext;
import dev.mproc.internal.ProcessRuntime;
import java.util.List;
import java.util.Optional;

/**
 * Entry point of mproc: the default {@link Context}, configured contexts, and what Python's
 * {@code multiprocessing} module offers as functions ({@code current_process}, {@code parent_process},
 * {@code active_children}, {@code cpu_count}).
 *
 * <pre>{@code
 * Process<Integer> p = Mproc.context().task(() -> 6 * 7).start();
 * p.join();
 * int answer = p.result();   // computed in another JVM
 * }</pre>
 */
public final class Mproc {

    private Mproc() {
    }

    /**
     * The default context, created on first use from the system properties and the class path, shared by the
     * whole JVM. In a child process it uses the same backends as its parent's context.
     *
     * @return the default context
     * @throws BackendUnavailableException if no usable spawn or IPC backend is found
     */
    public static Context context() {
        return DefaultContext.defaultContext();
    }

    /**
     * A new context with its own backends and child settings. Close it when done.
     *
     * @param options how to choose backends and launch children
     * @return a new context
     * @throws BackendUnavailableException if no usable spawn or IPC backend is found
     */
    public static Context context(ContextOptions options) {
        return DefaultContext.create(options);
    }

    /**
     * The process this code runs in.
     *
     * @return {@code MainProcess} in a JVM not started by mproc, else the child's name, pid and daemon flag
     */
    public static ProcessInfo currentProcess() {
        return ProcessRuntime.current().self();
    }

    /**
     * The process that started this one.
     *
     * @return the parent, empty in a JVM not started by mproc
     */
    public static Optional<ProcessInfo> parentProcess() {
        return ProcessRuntime.current().parent();
    }

    /**
     * The children of this process, in all contexts, that were started and have not yet ended. Children found
     * to have ended are dropped as a side effect, as in Python.
     *
     * @return a new list
     */
    public static List<Process<?>> activeChildren() {
        return ProcessRuntime.current().activeChildren();
    }

    /**
     * The number of CPUs this JVM may use ({@link Runtime#availableProcessors()}, which honours the affinity
     * mask and a container's CPU quota).
     *
     * @return at least 1
     */
    public static int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }
}
