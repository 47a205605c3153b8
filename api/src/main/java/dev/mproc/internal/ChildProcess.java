package dev.mproc.internal;

import dev.mproc.MprocException;
import dev.mproc.Process;
import dev.mproc.ProcessFailedException;
import dev.mproc.spi.ControlListener;
import dev.mproc.spi.ControlSession;
import dev.mproc.spi.ExitStatus;
import dev.mproc.spi.SpawnedProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The parent's side of one child: its state machine, its control session and how its end is interpreted.
 *
 * <p>A child has ended when both the operating system reported its exit and its control connection (if it
 * connected) has closed: the connection closes only after every byte the child wrote has been read, so the
 * outcome report is never lost to a race with the exit notification.
 *
 * @param <R> the result type
 */
final class ChildProcess<R> implements Process<R>, ControlListener {

    private static final int SIGTERM = 15;
    private static final int SIGKILL = 9;

    private enum State { INITIAL, STARTED, ENDED, CLOSED }

    private final DefaultContext context;
    private final boolean returnsResult;
    private final int[] identity;
    private Object target;
    private volatile String name;
    private volatile boolean daemon;

    // Guarded by this.
    private State state = State.INITIAL;
    private SpawnedProcess spawned;
    private ControlSession session;
    private boolean connected;
    private boolean disconnected;
    private ExitStatus exitStatus;
    private byte[] outcome;
    private int signalSent;
    private java.util.function.Consumer<byte[]> messageHandler;

    private volatile int exitCode;
    private volatile ProcessFailedException failure;
    private volatile R result;
    private final CountDownLatch endedLatch = new CountDownLatch(1);
    private final CompletableFuture<Process<R>> exitFuture = new CompletableFuture<>();

    ChildProcess(DefaultContext context, Object target, boolean returnsResult) {
        this.context = context;
        this.returnsResult = returnsResult;
        this.target = Objects.requireNonNull(target, "target");
        ProcessRuntime runtime = ProcessRuntime.current();
        this.identity = runtime.nextChildIdentity();
        this.name = "Process-" + String.join(":", Arrays.stream(identity).mapToObj(Integer::toString).toList());
        this.daemon = runtime.childrenDefaultToDaemon();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized Process<R> name(String newName) {
        Objects.requireNonNull(newName, "name");
        requireInitial();
        this.name = newName;
        return this;
    }

    @Override
    public boolean isDaemon() {
        return daemon;
    }

    @Override
    public synchronized Process<R> daemon(boolean value) {
        requireInitial();
        this.daemon = value;
        return this;
    }

    private void requireInitial() {
        requireOpen();
        if (state != State.INITIAL) {
            throw new IllegalStateException("process has already started");
        }
    }

    private void requireOpen() {
        if (state == State.CLOSED) {
            throw new IllegalStateException("process object is closed");
        }
    }

    private void requireStarted() {
        requireOpen();
        if (state == State.INITIAL) {
            throw new IllegalStateException("can only join a started process");
        }
    }

    @Override
    public Process<R> start() {
        ProcessRuntime runtime = ProcessRuntime.current();
        synchronized (this) {
            requireOpen();
            if (state != State.INITIAL) {
                throw new IllegalStateException("cannot start a process twice");
            }
            if (runtime.self().daemon()) {
                throw new IllegalStateException("daemonic processes are not allowed to have children (this process, '"
                        + runtime.self().name() + "', is a daemon)");
            }
            byte[] task = ControlMessages.task(name, daemon, identity, context.encodeTarget(target, name));
            try {
                DefaultContext.Launch launch = context.launch(this, name, daemon, identity, task);
                this.session = launch.session();
                this.spawned = launch.process();
            } catch (IOException e) {
                throw new MprocException("cannot start process '" + name + "': " + e.getMessage(), e);
            }
            // Python drops its references to the target once started, so the target can be collected.
            target = null;
            state = State.STARTED;
        }
        runtime.started(this);
        context.started(this);
        if (!daemon) {
            keepJvmAliveUntilEnded();
        }
        spawned.onExit().thenAccept(this::exited);
        return this;
    }

    /** A non-daemon child keeps its parent JVM alive, as in Python: one non-daemon thread waits for it. */
    private void keepJvmAliveUntilEnded() {
        Thread keeper = new Thread(() -> {
            try {
                endedLatch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mproc-wait-" + name);
        keeper.setDaemon(false);
        keeper.start();
    }

    // ---- events from the spawn backend and the control session -----------------------------------------------

    private void exited(ExitStatus status) {
        synchronized (this) {
            exitStatus = status;
            if (connected && !disconnected) {
                return; // the connection closes promptly now that the process is gone; finish then
            }
        }
        session.close();
        finish();
    }

    @Override
    public synchronized void onConnected() {
        connected = true;
    }

    @Override
    public void onMessage(byte[] message) {
        java.util.function.Consumer<byte[]> handler;
        synchronized (this) {
            if (message.length >= 2 && message[0] == ControlMessages.OUTCOME && outcome == null) {
                outcome = message;
                return;
            }
            handler = messageHandler;
        }
        if (handler != null) {
            handler.accept(message);
        }
    }

    /**
     * Receives the child's messages other than its outcome (a pool worker's results); called on a backend thread.
     * Set before {@link #start()}.
     *
     * @param handler the receiver
     */
    synchronized void messageHandler(java.util.function.Consumer<byte[]> handler) {
        this.messageHandler = handler;
    }

    /**
     * Sends a message to the running target (see {@code ChildChannel}); never blocks. Messages sent before the
     * child connected are delivered once it has.
     *
     * @param message the bytes
     */
    void send(byte[] message) {
        ControlSession s;
        synchronized (this) {
            s = session;
        }
        if (s != null) {
            s.send(message);
        }
    }

    @Override
    public void onDisconnected(Throwable cause) {
        synchronized (this) {
            disconnected = true;
            if (exitStatus == null) {
                return;
            }
        }
        finish();
    }

    private void finish() {
        ExitStatus status;
        byte[] report;
        int signal;
        synchronized (this) {
            if (state != State.STARTED) {
                return;
            }
            status = exitStatus;
            report = outcome;
            signal = signalSent;
        }
        int code = interpret(status, report != null, signal);
        ProcessFailedException failed = null;
        R value = null;
        long pid = spawned.pid();
        if (report != null && report[1] == ControlMessages.THREW) {
            Throwable thrown;
            try {
                thrown = (Throwable) context.codec().decode(report, 2, report.length - 2);
            } catch (RuntimeException e) {
                thrown = e;
            }
            failed = new ProcessFailedException("process '" + name + "' (pid " + pid + ") failed: " + thrown,
                    thrown, pid, code);
        } else if (report != null && code == 0) {
            try {
                @SuppressWarnings("unchecked")
                R decoded = (R) context.codec().decode(report, 2, report.length - 2);
                value = decoded;
            } catch (RuntimeException e) {
                failed = new ProcessFailedException("process '" + name + "' (pid " + pid
                        + ") returned a result that cannot be decoded: " + e.getMessage(), e, pid, code);
            }
        } else if (code != 0 || (report == null && returnsResult)) {
            failed = new ProcessFailedException("process '" + name + "' (pid " + pid + ") ended with exit code "
                    + code + describe(code) + " without completing its target", null, pid, code);
        }
        synchronized (this) {
            if (state != State.STARTED) {
                return;
            }
            this.exitCode = code;
            this.result = value;
            this.failure = failed;
            state = State.ENDED;
        }
        ProcessRuntime.current().ended(this);
        context.ended(this);
        endedLatch.countDown();
        exitFuture.complete(this);
    }

    /**
     * Turns what the spawn backend saw into Python's exit code. An inexact status of {@code 128 + s} means
     * "ended by signal s" when this parent sent that signal, or when the child never reported an outcome (it did
     * not get to finish its target); a child that reported an outcome and then chose such an exit code keeps it.
     */
    static int interpret(ExitStatus status, boolean reported, int signalSent) {
        if (status.exact()) {
            return status.pythonExitCode();
        }
        int value = status.code();
        if (value > 128 && value < 128 + 65) {
            int signal = value - 128;
            if (signal == signalSent || !reported) {
                return -signal;
            }
        }
        return value;
    }

    private static String describe(int code) {
        return switch (code) {
            case -SIGKILL -> " (SIGKILL)";
            case -SIGTERM -> " (SIGTERM)";
            case -2 -> " (SIGINT)";
            case -6 -> " (SIGABRT)";
            case -11 -> " (SIGSEGV)";
            default -> "";
        };
    }

    // ---- queries ----------------------------------------------------------------------------------------------

    @Override
    public void join() throws InterruptedException {
        synchronized (this) {
            requireStarted();
        }
        endedLatch.await();
    }

    @Override
    public boolean join(Duration timeout) throws InterruptedException {
        synchronized (this) {
            requireStarted();
        }
        if (timeout.isNegative() || timeout.isZero()) {
            return endedLatch.getCount() == 0;
        }
        return endedLatch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized boolean isAlive() {
        requireOpen();
        return state == State.STARTED;
    }

    synchronized boolean isAliveUnchecked() {
        return state == State.STARTED;
    }

    @Override
    public synchronized OptionalLong pid() {
        requireOpen();
        return spawned == null ? OptionalLong.empty() : OptionalLong.of(spawned.pid());
    }

    @Override
    public synchronized OptionalInt exitCode() {
        requireOpen();
        return state == State.ENDED ? OptionalInt.of(exitCode) : OptionalInt.empty();
    }

    @Override
    public void terminate() {
        signal(SIGTERM);
    }

    @Override
    public void kill() {
        signal(SIGKILL);
    }

    private void signal(int signal) {
        SpawnedProcess target;
        synchronized (this) {
            requireStarted();
            if (state != State.STARTED) {
                return;
            }
            signalSent = signal;
            target = spawned;
        }
        target.signal(signal, false);
    }

    /** Used by the exit rules: never throws, whatever the state. */
    void terminateQuietly() {
        try {
            terminate();
        } catch (RuntimeException e) {
            // Closed or already ended: nothing to terminate.
        }
    }

    @Override
    public R result() {
        synchronized (this) {
            requireOpen();
            if (state != State.ENDED) {
                throw new IllegalStateException("process '" + name + "' has not ended yet; join() it first");
            }
        }
        ProcessFailedException f = failure;
        if (f != null) {
            throw new ProcessFailedException(f.getMessage(), f.getCause(), f.pid(), f.exitCode());
        }
        return result;
    }

    @Override
    public synchronized Optional<ProcessFailedException> failure() {
        requireOpen();
        return Optional.ofNullable(failure);
    }

    @Override
    public synchronized CompletableFuture<Process<R>> onExit() {
        requireStarted();
        return exitFuture;
    }

    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        if (state == State.STARTED) {
            throw new IllegalStateException("cannot close process '" + name + "' while it is still running");
        }
        state = State.CLOSED;
        result = null;
    }

    @Override
    public String toString() {
        String s;
        synchronized (this) {
            s = switch (state) {
                case INITIAL -> "initial";
                case STARTED -> "started";
                case ENDED -> "stopped exitcode=" + exitCode;
                case CLOSED -> "closed";
            };
        }
        return "<Process name='" + name + "'" + (spawned != null && state != State.CLOSED ? " pid=" + spawned.pid() : "")
                + " parent=" + ProcessRuntime.current().self().pid() + " " + s + (daemon ? " daemon" : "") + ">";
    }
}
