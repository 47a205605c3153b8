package dev.mproc.internal;

import dev.mproc.Process;
import dev.mproc.ProcessInfo;
import dev.mproc.internal.child.BootstrapRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one JVM knows about itself as an mproc process: its identity, its parent, the children it started in
 * any context, and Python's exit rules for them.
 *
 * <p>Python's rules, applied when this process's main code ends: daemon children are terminated at once, while
 * non-daemon children keep the process alive until they end. In a JVM not started by mproc "main code" is the
 * {@code main} thread, watched by a daemon thread; in a child it is the target, and the child bootstrap applies
 * the rules itself after the target returns. A shutdown hook terminates daemon children on {@code System.exit}
 * and on SIGTERM/SIGINT, when the main thread may never end.
 */
public final class ProcessRuntime {

    private static final String MAIN_NAME = "MainProcess";
    private static volatile ProcessRuntime current;

    private final ProcessInfo self;
    private final ProcessInfo parent;
    private final int[] identity;
    private final BootstrapRecord bootstrap;
    private final AtomicInteger childCounter = new AtomicInteger();
    private final Set<ChildProcess<?>> children = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean hooksInstalled = new AtomicBoolean();
    private final AtomicBoolean mainCodeFinished = new AtomicBoolean();
    private final byte[] authkey;

    private ProcessRuntime(ProcessInfo self, ProcessInfo parent, int[] identity, BootstrapRecord bootstrap) {
        this.self = self;
        this.parent = parent;
        this.identity = identity.clone();
        this.bootstrap = bootstrap;
        if (bootstrap != null) {
            this.authkey = bootstrap.secret();
        } else {
            this.authkey = new byte[32];
            new java.security.SecureRandom().nextBytes(authkey);
        }
    }

    /**
     * Python's {@code authkey}: the secret every connection between processes of this tree proves it knows. The
     * main process draws it at random; a child inherits its parent's through the bootstrap record (never the
     * command line), so any process of the tree can reach objects owned by any other.
     *
     * @return a copy of the secret
     */
    public byte[] authkey() {
        return authkey.clone();
    }

    /**
     * The runtime of this JVM: a child's once {@link #initChild} ran, else the main process's.
     *
     * @return the runtime
     */
    public static ProcessRuntime current() {
        ProcessRuntime r = current;
        if (r == null) {
            synchronized (ProcessRuntime.class) {
                r = current;
                if (r == null) {
                    r = new ProcessRuntime(new ProcessInfo(MAIN_NAME, ProcessHandle.current().pid(), false), null,
                            new int[0], null);
                    current = r;
                }
            }
        }
        return r;
    }

    /**
     * Makes this JVM an mproc child; called by the child bootstrap once its task arrived, before any user code runs.
     *
     * @param record what the parent sent at launch
     * @param assignment who the child is, from its task
     */
    public static void initChild(BootstrapRecord record, ControlMessages.Assignment assignment) {
        synchronized (ProcessRuntime.class) {
            if (current != null) {
                throw new IllegalStateException("the process runtime is already initialised");
            }
            current = new ProcessRuntime(
                    new ProcessInfo(assignment.name(), ProcessHandle.current().pid(), assignment.daemon()),
                    new ProcessInfo(record.parentName(), record.parentPid(), false),
                    assignment.identity(), record);
        }
    }

    /** @return this process's identity */
    public ProcessInfo self() {
        return self;
    }

    /** @return the parent, empty in a JVM not started by mproc */
    public Optional<ProcessInfo> parent() {
        return Optional.ofNullable(parent);
    }

    /** @return what the parent sent, empty in a JVM not started by mproc */
    Optional<BootstrapRecord> bootstrap() {
        return Optional.ofNullable(bootstrap);
    }

    /** @return the daemon flag new children default to: this process's own, as in Python */
    boolean childrenDefaultToDaemon() {
        return self.daemon();
    }

    /**
     * Allocates the identity of the next child: Python's {@code _identity}, which makes names such as
     * {@code Process-1:2}.
     *
     * @return this process's identity followed by the next counter value
     */
    int[] nextChildIdentity() {
        int[] id = new int[identity.length + 1];
        System.arraycopy(identity, 0, id, 0, identity.length);
        id[identity.length] = childCounter.incrementAndGet();
        return id;
    }

    void started(ChildProcess<?> child) {
        installHooks();
        children.add(child);
    }

    void ended(ChildProcess<?> child) {
        children.remove(child);
    }

    /** @return the started children that have not ended, as a new list */
    public List<Process<?>> activeChildren() {
        List<Process<?>> alive = new ArrayList<>();
        for (ChildProcess<?> c : children) {
            if (c.isAliveUnchecked()) {
                alive.add(c);
            }
        }
        return alive;
    }

    /**
     * Applies Python's exit rule to daemon children: terminates them now. Non-daemon children need no action
     * here: each holds a non-daemon thread that keeps the JVM alive until the child ends.
     */
    public void mainCodeFinished() {
        if (mainCodeFinished.compareAndSet(false, true)) {
            terminateDaemonChildren();
        }
    }

    private void terminateDaemonChildren() {
        for (ChildProcess<?> c : children) {
            if (c.isDaemon()) {
                c.terminateQuietly();
            }
        }
    }

    private void installHooks() {
        if (!hooksInstalled.compareAndSet(false, true)) {
            return;
        }
        Thread hook = new Thread(this::terminateDaemonChildren, "mproc-exit-daemon-children");
        Runtime.getRuntime().addShutdownHook(hook);
        if (bootstrap == null) {
            Thread main = findMainThread();
            if (main != null) {
                Thread watcher = new Thread(() -> {
                    try {
                        main.join();
                        mainCodeFinished();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "mproc-main-watcher");
                watcher.setDaemon(true);
                watcher.start();
            }
        }
    }

    private static Thread findMainThread() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            ThreadGroup group = t.getThreadGroup();
            if ("main".equals(t.getName()) && group != null && "main".equals(group.getName()) && !t.isDaemon()) {
                return t;
            }
        }
        return null;
    }
}
