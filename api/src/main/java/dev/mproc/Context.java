package dev.mproc;

/**
 * A spawn backend and an IPC backend chosen together: Python's {@code multiprocessing.get_context()}. Creates
 * processes and, through the IPC backend, the objects they share ({@link Primitives}).
 *
 * <p>Obtain the default context with {@link Mproc#context()} or a configured one with
 * {@link Mproc#context(ContextOptions)}. Thread-safe.
 */
public interface Context extends Primitives, AutoCloseable {

    /**
     * The spawn backend's name, for example {@code "processbuilder"}.
     *
     * @return the name
     */
    String spawnBackend();

    /**
     * The IPC backend's name, for example {@code "netty"}.
     *
     * @return the name
     */
    String ipcBackend();

    /**
     * Creates a child process for a target without a result. The process is not started.
     *
     * @param target the code the child runs; must be serializable with everything it captures
     * @return a new process in the initial state
     */
    Process<Void> process(Target target);

    /**
     * Creates a child process for a task whose result the parent reads after the child ended. (A separate name
     * from {@link #process(Target)} on purpose: with one overloaded name, a lambda such as
     * {@code () -> Files.writeString(...)} would silently become a task whose result — here a path, which cannot
     * be serialized — must travel back.)
     *
     * @param task the code the child runs; must be serializable with everything it captures
     * @param <R> the result type
     * @return a new process in the initial state
     */
    <R> Process<R> task(Task<R> task);

    /**
     * Prepares an external program to run as a child process: Python's {@code subprocess.Popen} and
     * {@code subprocess.run}. No shell is involved: the program receives each argument exactly as given, so
     * spaces, quotes and {@code $} in arguments are plain characters and cannot inject commands.
     *
     * <pre>{@code
     * CompletedProcess r = ctx.subprocess(List.of("ls", "-l", dir)).captureOutput().run();
     * }</pre>
     *
     * The program runs on this context's spawn backend; closing the context does not end it.
     *
     * @param command the program (an absolute path, or a name found on {@code PATH}) and its arguments
     * @return a builder to set the directory, environment and standard streams, then start or run
     * @throws IllegalArgumentException if the command is empty
     * @throws IllegalStateException if the context is closed
     */
    dev.mproc.subprocess.SubprocessBuilder subprocess(java.util.List<String> command);

    /**
     * Prepares an external program to run as a child process; see {@link #subprocess(java.util.List)}.
     *
     * @param command the program and its arguments
     * @return a builder
     */
    default dev.mproc.subprocess.SubprocessBuilder subprocess(String... command) {
        return subprocess(java.util.List.of(command));
    }

    /**
     * Prepares a shell command line: {@code /bin/sh -c script sh args...}, Python's {@code shell=True}. The
     * shell interprets {@code script} — never build it from untrusted text; pass such values as {@code args},
     * which the script reads as {@code "$1"}, {@code "$2"}, ... without interpreting them.
     *
     * @param script the shell script
     * @param args the script's positional parameters
     * @return a builder
     */
    default dev.mproc.subprocess.SubprocessBuilder shell(String script, String... args) {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("/bin/sh", "-c", script, "sh"));
        command.addAll(java.util.List.of(args));
        return subprocess(command);
    }

    /**
     * Starts a pool of {@link #cpuCount()} worker processes: Python's {@code Pool()}.
     *
     * @return the running pool
     */
    default dev.mproc.pool.Pool pool() {
        return pool(dev.mproc.pool.PoolOptions.defaults());
    }

    /**
     * Starts a pool of worker processes: Python's {@code Pool(processes, initializer, initargs, maxtasksperchild)}.
     * Returns once the workers are launched (they boot in parallel); tasks submitted meanwhile wait for them.
     *
     * @param options size, initializer, worker lifetime, task timeout
     * @return the running pool
     */
    dev.mproc.pool.Pool pool(dev.mproc.pool.PoolOptions options);

    /**
     * Starts an {@link java.util.concurrent.ExecutorService} on worker processes.
     *
     * @param options size, initializer, worker lifetime, task timeout
     * @return the running executor
     */
    dev.mproc.pool.ProcessPoolExecutor executor(dev.mproc.pool.PoolOptions options);

    /**
     * Starts an {@link java.util.concurrent.ExecutorService} on {@code workers} worker processes.
     *
     * @param workers the number of worker processes
     * @return the running executor
     */
    default dev.mproc.pool.ProcessPoolExecutor executor(int workers) {
        return executor(dev.mproc.pool.PoolOptions.builder().processes(workers).build());
    }

    /**
     * The number of CPUs this process may use, honouring the affinity mask and a container's CPU quota where
     * the spawn backend can see them.
     *
     * @return at least 1
     */
    int cpuCount();

    /**
     * Waits until a standby child ({@link ContextOptions.Builder#standbyProcesses(int)}) has booted, authenticated
     * and is waiting for a task, so that the next {@link Process#start()} finds one. Useful before a
     * latency-sensitive start, and after one, since the replacement boots in the background.
     *
     * <p>Blocks the calling thread; thread-safe.
     *
     * @param timeout the longest wait
     * @return {@code true} if a standby child is ready; {@code false} if the timeout passed first, or at once if the
     *     context keeps no standby children or is closed
     * @throws InterruptedException if interrupted while waiting
     */
    boolean awaitStandby(java.time.Duration timeout) throws InterruptedException;

    /**
     * Closes the context as a Python program's exit does: terminates its running daemon children, waits for its
     * non-daemon children to end, then stops the IPC backend. The {@linkplain Mproc#context() default context}
     * ignores this call; it is closed when the JVM exits.
     */
    @Override
    void close();
}
