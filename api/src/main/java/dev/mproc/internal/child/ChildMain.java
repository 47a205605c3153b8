package dev.mproc.internal.child;

import dev.mproc.CodecException;
import dev.mproc.Target;
import dev.mproc.Task;
import dev.mproc.internal.ControlMessages;
import dev.mproc.internal.RemoteFailures;
import dev.mproc.internal.ProcessRuntime;
import dev.mproc.internal.codec.DefaultCodec;
import dev.mproc.spi.ChildBootHook;
import dev.mproc.spi.ChildConnector;
import dev.mproc.spi.ControlLink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * The main class of every child JVM. It reads its bootstrap record from standard input, connects back to the
 * parent and authenticates, receives its task, runs it, reports the outcome and exits with Python's exit codes:
 * 0 after a normal return, 1 when the task threw or could not even be decoded (its stack trace printed to
 * standard error under a {@code Process <name>:} header, as Python does).
 *
 * <p>This code runs on every {@code start()}, so it loads as little as it can: no logging, no streams, no
 * context or backend discovery unless the task itself starts processes.
 */
public final class ChildMain {

    private static final int EXIT_FAILURE = 1;

    /** The name a standby child boots under, until its task names it. */
    public static final String STANDBY_NAME = "standby";

    /** Set before the child closes its own control link, so that the parent watcher knows the EOF is ours. */
    private static volatile boolean exiting;

    private ChildMain() {
    }

    /**
     * Runs one child.
     *
     * @param args ignored: everything arrives on standard input
     */
    public static void main(String[] args) {
        long entered = System.nanoTime();
        boolean trace = System.getenv("MPROC_TRACE_START") != null;
        BootstrapRecord record;
        try {
            InputStream stdin = System.in;
            record = BootstrapRecord.read(stdin);
            // Python gives children an empty standard input; the pipe's only content was the record.
            System.setIn(new ByteArrayInputStream(new byte[0]));
            stdin.close();
        } catch (java.io.EOFException e) {
            // The parent closed our stdin before the record was complete: it went away while we booted.
            Runtime.getRuntime().halt(EXIT_FAILURE);
            return;
        } catch (IOException e) {
            System.err.println("mproc: this JVM was not started by mproc (" + e.getMessage() + ")");
            Runtime.getRuntime().halt(EXIT_FAILURE);
            return;
        }
        runBootHook(record);
        if (STANDBY_NAME.equals(record.name())) {
            // Before connecting: the parent counts a standby as ready once it has connected (Context.awaitStandby),
            // so that its task finds the machinery loaded rather than competing with the warm-up for the CPU.
            warmUp();
        }
        ControlLink link;
        byte[] task;
        ControlMessages.Assignment assignment;
        try {
            ChildConnector connector = (ChildConnector) Class.forName(record.connectorClass())
                    .getDeclaredConstructor().newInstance();
            link = connector.connect(record.address(), record.token(), record.secret(),
                    Duration.ofMillis(record.connectTimeoutMillis()), record.maxFrameBytes());
        } catch (IOException | ReflectiveOperationException | RuntimeException e) {
            System.err.println("mproc: process " + record.name() + " cannot reach its parent: " + e);
            Runtime.getRuntime().halt(EXIT_FAILURE);
            return;
        }
        try {
            task = link.receive();
            assignment = ControlMessages.assignment(task);
            if (trace) {
                System.err.printf("mproc-trace %s: main -> connected+task %.1f ms%n", assignment.name(),
                        (System.nanoTime() - entered) / 1e6);
            }
        } catch (java.io.EOFException e) {
            // The parent went away before it had a task for us: a standby child's ordinary end.
            Runtime.getRuntime().halt(EXIT_FAILURE);
            return;
        } catch (IOException | RuntimeException e) {
            System.err.println("mproc: process " + record.name() + " cannot reach its parent: " + e);
            Runtime.getRuntime().halt(EXIT_FAILURE);
            return;
        }
        ProcessRuntime.initChild(record, assignment);
        watchParent(link, assignment.daemon());
        long ran = System.nanoTime();
        int exitCode = run(assignment, link, task);
        if (trace) {
            System.err.printf("mproc-trace %s: decode+run+report %.1f ms%n", assignment.name(),
                    (System.nanoTime() - ran) / 1e6);
        }
        finish(link, exitCode);
    }

    /**
     * Runs the spawn backend's {@link ChildBootHook}, if it named one, before anything reaches the parent. A
     * daemon child must not outlive its parent, so it is asked to die with it.
     */
    private static void runBootHook(BootstrapRecord record) {
        if (record.bootHookClass().isEmpty()) {
            return;
        }
        try {
            ChildBootHook hook = (ChildBootHook) Class.forName(record.bootHookClass())
                    .getDeclaredConstructor().newInstance();
            hook.boot(record.parentPid(), record.daemon());
        } catch (Exception | LinkageError e) {
            System.err.println("mproc: process " + record.name() + ": boot hook " + record.bootHookClass()
                    + " failed: " + e);
            Runtime.getRuntime().halt(EXIT_FAILURE);
        }
    }

    private static int run(ControlMessages.Assignment assignment, ControlLink link, byte[] task) {
        DefaultCodec codec = DefaultCodec.standard();
        byte kind;
        byte[] payload;
        int exitCode;
        try {
            int at = assignment.targetOffset();
            Object target = codec.decode(task, at, task.length - at);
            Object value = null;
            if (target instanceof Task<?> t) {
                value = t.call();
            } else if (target instanceof Target t) {
                t.run();
            } else {
                throw new IllegalArgumentException("the task is neither a Target nor a Task: "
                        + (target == null ? "null" : target.getClass().getName()));
            }
            kind = ControlMessages.RETURNED;
            payload = encodeResult(codec, value);
            exitCode = 0;
        } catch (Throwable t) { // NOPMD: Python reports every exception of the target, errors included
            System.err.println("Process " + assignment.name() + ":");
            t.printStackTrace();
            System.err.flush();
            kind = ControlMessages.THREW;
            payload = RemoteFailures.encode(codec, t);
            exitCode = EXIT_FAILURE;
        }
        try {
            link.send(ControlMessages.outcome(kind, payload));
        } catch (IOException e) {
            // The parent is gone or closed its context: nobody is left to read the outcome.
        }
        return exitCode;
    }

    /**
     * A standby child has time while it waits: it runs the decode, call and encode path once on a lambda of its own,
     * so that loading and linking that machinery is not paid after its task arrives.
     */
    private static void warmUp() {
        DefaultCodec codec = DefaultCodec.standard();
        int seed = (int) (System.nanoTime() & 0xff);
        Task<Integer> probe = () -> seed + 1;
        try {
            @SuppressWarnings("unchecked")
            Task<Integer> back = (Task<Integer>) codec.decode(codec.encode(probe));
            codec.encode(back.call());
            codec.decode(codec.encode(new IllegalStateException("warm-up")));
        } catch (Exception e) {
            // Only a warm-up: the real task will report whatever is wrong.
        }
    }

    private static byte[] encodeResult(DefaultCodec codec, Object value) {
        try {
            return codec.encode(value);
        } catch (CodecException e) {
            throw new CodecException("the task's result cannot be sent to the parent: " + e.getMessage(), e);
        }
    }


    /**
     * Reads the control connection for the rest of the child's life, handing messages to {@link ChildChannel}. A
     * daemon child must not outlive its parent: when the connection reaches end-of-file (the parent died or closed
     * its context), it halts at once. A non-daemon child carries on, as an orphan does in Python.
     */
    private static void watchParent(ControlLink link, boolean daemon) {
        ChildChannel.attach(link);
        Thread watcher = new Thread(() -> {
            try {
                while (true) {
                    ChildChannel.deliver(link.receive());
                }
            } catch (IOException e) {
                ChildChannel.ended();
                // EOF, or the connection broke. Our own close on the way out is not the parent's death.
                if (daemon && !exiting) {
                    Runtime.getRuntime().halt(EXIT_FAILURE);
                }
            }
        }, "mproc-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * Python's end of a child: wait for its non-daemon threads, terminate its daemon children (non-daemon ones
     * are waited for through the threads that watch them), then exit.
     */
    private static void finish(ControlLink link, int exitCode) {
        ProcessRuntime.current().mainCodeFinished();
        joinNonDaemonThreads();
        exiting = true;
        try {
            link.close();
        } catch (IOException e) {
            // Closing a socket whose peer is gone: nothing to do.
        }
        System.out.flush();
        System.err.flush();
        System.exit(exitCode);
    }

    private static void joinNonDaemonThreads() {
        Thread self = Thread.currentThread();
        ThreadGroup root = self.getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        boolean again = true;
        while (again) {
            again = false;
            // Enumerating the thread groups is cheap; Thread.getAllStackTraces() would stop every thread at a
            // safepoint and walk its stack only to throw the stacks away.
            Thread[] threads = new Thread[root.activeCount() + 8];
            int n = root.enumerate(threads, true);
            while (n == threads.length) {
                threads = new Thread[threads.length * 2];
                n = root.enumerate(threads, true);
            }
            for (int i = 0; i < n; i++) {
                Thread t = threads[i];
                if (t != self && !t.isDaemon() && t.isAlive() && !"DestroyJavaVM".equals(t.getName())) {
                    again = true;
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }
}
