package dev.mproc.internal;

import dev.mproc.CodecException;
import dev.mproc.Context;
import dev.mproc.ContextOptions;
import dev.mproc.Process;
import dev.mproc.pipe.Pipe;
import dev.mproc.queue.JoinableQueue;
import dev.mproc.queue.Queue;
import dev.mproc.queue.SimpleQueue;
import dev.mproc.shared.ByteArray;
import dev.mproc.shared.DoubleArray;
import dev.mproc.shared.DoubleValue;
import dev.mproc.shared.IntArray;
import dev.mproc.shared.IntValue;
import dev.mproc.shared.LongArray;
import dev.mproc.shared.LongValue;
import dev.mproc.shared.Manager;
import dev.mproc.shared.ShareableList;
import dev.mproc.shared.SharedMemory;
import dev.mproc.sync.Barrier;
import dev.mproc.sync.BarrierAction;
import dev.mproc.sync.BoundedSemaphore;
import dev.mproc.sync.Condition;
import dev.mproc.sync.Event;
import dev.mproc.sync.Lock;
import dev.mproc.sync.RLock;
import dev.mproc.sync.Semaphore;
import java.util.List;
import dev.mproc.Target;
import dev.mproc.Task;
import dev.mproc.internal.child.BootstrapRecord;
import dev.mproc.internal.child.ChildMain;
import dev.mproc.internal.codec.DefaultCodec;
import dev.mproc.internal.control.PipeChildConnector;
import dev.mproc.internal.control.PipeControlSession;
import dev.mproc.spi.Codec;
import dev.mproc.spi.ControlListener;
import dev.mproc.spi.ControlPipes;
import dev.mproc.spi.ControlServer;
import dev.mproc.spi.ControlSession;
import dev.mproc.spi.IpcBackend;
import dev.mproc.spi.IpcProvider;
import dev.mproc.spi.IpcSettings;
import dev.mproc.spi.LaunchSpec;
import dev.mproc.spi.SpawnBackend;
import dev.mproc.spi.SpawnProvider;
import dev.mproc.spi.SpawnedProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The context implementation: chooses the backends, owns the secret and the runtime directory, and turns a
 * {@link ChildProcess} start into a {@link LaunchSpec} plus a control-session registration.
 */
public final class DefaultContext implements Context {

    private static final String SPAWN_EXAMPLE = "dev.mproc:mproc-spawn-processbuilder";
    private static final String IPC_EXAMPLE = "dev.mproc:mproc-ipc-netty";
    private static final Object DEFAULT_LOCK = new Object();
    /** What a JVM running as PID 1 is told when its spawn backend cannot reap orphans. */
    public static final String PID1_WARNING = "mproc runs as PID 1 (a container's init): spawn backend '{0}' reaps "
            + "only the children it started, so orphaned grandchildren re-parented to this JVM stay zombies. Use "
            + "spawn backend posix-fork, or run the container with an init process (docker run --init).";
    private static volatile DefaultContext defaultContext;

    /** How a started child is reached: its control session and the process handle. */
    record Launch(ControlSession session, SpawnedProcess process) {
    }

    private final boolean isDefault;
    private final ContextOptions options;
    private final String spawnName;
    private final String ipcName;
    private final SpawnBackend spawn;
    private final IpcBackend ipc;
    private final Codec codec = DefaultCodec.standard();
    private final SecureRandom random = new SecureRandom();
    private final byte[] secret = ProcessRuntime.current().authkey();
    private final Path runtimeDirectory;
    private final Thread cleanup;
    private final Set<ChildProcess<?>> children = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private final java.util.ArrayDeque<Standby> standbys = new java.util.ArrayDeque<>();
    private java.util.concurrent.ExecutorService standbyStarter;
    /** Empty where no archive applies; null until the first child. */
    private java.util.Optional<ClassDataSharing> classDataSharing;

    private DefaultContext(ContextOptions options, boolean isDefault) {
        this.isDefault = isDefault;
        this.options = options;
        SpawnProvider spawnProvider = Backends.choose("spawn", ContextOptions.SPAWN_PROPERTY,
                options.spawnBackend().orElse(null), Backends.discover(SpawnProvider.class), SPAWN_EXAMPLE);
        IpcProvider ipcProvider = Backends.choose("IPC", ContextOptions.IPC_PROPERTY,
                options.ipcBackend().orElse(null), Backends.discover(IpcProvider.class), IPC_EXAMPLE);
        this.spawnName = spawnProvider.name();
        this.ipcName = ipcProvider.name();
        this.runtimeDirectory = RuntimeDirectory.create();
        this.cleanup = new Thread(() -> RuntimeDirectory.delete(runtimeDirectory), "mproc-runtime-dir-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        this.spawn = spawnProvider.create();
        if (ProcessHandle.current().pid() == 1 && !spawn.reapsOrphans()) {
            System.getLogger("dev.mproc").log(System.Logger.Level.WARNING, PID1_WARNING.replace("{0}", spawnName));
        }
        this.ipc = ipcProvider.create(new IpcSettings(secret, codec, options.maxFrameBytes(), runtimeDirectory));
        replenishStandbys();
    }

    /**
     * The JVM-wide default context. In a child it inherits its parent's backends and child settings, so that
     * grandchildren are launched the way children were.
     *
     * @return the default context
     */
    public static DefaultContext defaultContext() {
        DefaultContext c = defaultContext;
        if (c == null) {
            synchronized (DEFAULT_LOCK) {
                c = defaultContext;
                if (c == null) {
                    c = new DefaultContext(inheritedOptions(), true);
                    defaultContext = c;
                }
            }
        }
        return c;
    }

    private static ContextOptions inheritedOptions() {
        ContextOptions.Builder b = ContextOptions.builder();
        ProcessRuntime.current().bootstrap().ifPresent(r -> {
            if (System.getProperty(ContextOptions.SPAWN_PROPERTY) == null) {
                b.spawnBackend(r.spawnBackend());
            }
            if (System.getProperty(ContextOptions.IPC_PROPERTY) == null) {
                b.ipcBackend(r.ipcBackend());
            }
            b.javaExecutable(Path.of(r.javaExecutable())).classPath(r.classPath()).jvmOptions(r.jvmOptions());
        });
        return b.build();
    }

    /**
     * A new, separately closable context.
     *
     * @param options the configuration
     * @return the context
     */
    public static DefaultContext create(ContextOptions options) {
        return new DefaultContext(options, false);
    }

    @Override
    public String spawnBackend() {
        return spawnName;
    }

    @Override
    public String ipcBackend() {
        return ipcName;
    }

    @Override
    public Process<Void> process(Target target) {
        requireOpen();
        return new ChildProcess<>(this, target, false);
    }

    @Override
    public <R> Process<R> task(Task<R> task) {
        requireOpen();
        return new ChildProcess<>(this, task, true);
    }

    @Override
    public dev.mproc.subprocess.SubprocessBuilder subprocess(List<String> command) {
        requireOpen();
        return new dev.mproc.internal.subprocess.DefaultSubprocessBuilder(spec -> {
            requireOpen();
            return spawn.spawn(spec);
        }, spawnName, command);
    }

    @Override
    public dev.mproc.pool.Pool pool(dev.mproc.pool.PoolOptions poolOptions) {
        requireOpen();
        return new dev.mproc.internal.pool.ProcessPool(this, poolOptions);
    }

    @Override
    public dev.mproc.pool.ProcessPoolExecutor executor(dev.mproc.pool.PoolOptions poolOptions) {
        requireOpen();
        return new dev.mproc.internal.pool.PoolExecutor(new dev.mproc.internal.pool.ProcessPool(this, poolOptions));
    }

    @Override
    public int cpuCount() {
        return spawn.cpuCount();
    }

    @Override
    public <E> Queue<E> queue() {
        requireOpen();
        return ipc.primitives().queue();
    }

    @Override
    public <E> Queue<E> queue(int capacity) {
        requireOpen();
        return ipc.primitives().queue(capacity);
    }

    @Override
    public <E> JoinableQueue<E> joinableQueue() {
        requireOpen();
        return ipc.primitives().joinableQueue();
    }

    @Override
    public <E> JoinableQueue<E> joinableQueue(int capacity) {
        requireOpen();
        return ipc.primitives().joinableQueue(capacity);
    }

    @Override
    public <E> SimpleQueue<E> simpleQueue() {
        requireOpen();
        return ipc.primitives().simpleQueue();
    }

    @Override
    public Pipe pipe(boolean duplex) {
        requireOpen();
        return ipc.primitives().pipe(duplex);
    }

    @Override
    public Lock lock() {
        requireOpen();
        return ipc.primitives().lock();
    }

    @Override
    public RLock rlock() {
        requireOpen();
        return ipc.primitives().rlock();
    }

    @Override
    public Semaphore semaphore(int permits) {
        requireOpen();
        return ipc.primitives().semaphore(permits);
    }

    @Override
    public BoundedSemaphore boundedSemaphore(int permits) {
        requireOpen();
        return ipc.primitives().boundedSemaphore(permits);
    }

    @Override
    public Event event() {
        requireOpen();
        return ipc.primitives().event();
    }

    @Override
    public Condition condition(Lock lock) {
        requireOpen();
        return ipc.primitives().condition(lock);
    }

    @Override
    public Barrier barrier(int parties) {
        requireOpen();
        return ipc.primitives().barrier(parties);
    }

    @Override
    public Barrier barrier(int parties, BarrierAction action) {
        requireOpen();
        return ipc.primitives().barrier(parties, action);
    }

    @Override
    public IntValue intValue(int initial, boolean withLock) {
        requireOpen();
        return ipc.primitives().intValue(initial, withLock);
    }

    @Override
    public LongValue longValue(long initial, boolean withLock) {
        requireOpen();
        return ipc.primitives().longValue(initial, withLock);
    }

    @Override
    public DoubleValue doubleValue(double initial, boolean withLock) {
        requireOpen();
        return ipc.primitives().doubleValue(initial, withLock);
    }

    @Override
    public IntArray intArray(int length, boolean withLock) {
        requireOpen();
        return ipc.primitives().intArray(length, withLock);
    }

    @Override
    public LongArray longArray(int length, boolean withLock) {
        requireOpen();
        return ipc.primitives().longArray(length, withLock);
    }

    @Override
    public DoubleArray doubleArray(int length, boolean withLock) {
        requireOpen();
        return ipc.primitives().doubleArray(length, withLock);
    }

    @Override
    public ByteArray byteArray(int length, boolean withLock) {
        requireOpen();
        return ipc.primitives().byteArray(length, withLock);
    }

    @Override
    public SharedMemory sharedMemory(long size) {
        requireOpen();
        return ipc.primitives().sharedMemory(size);
    }

    @Override
    public SharedMemory attachSharedMemory(String name) {
        requireOpen();
        return ipc.primitives().attachSharedMemory(name);
    }

    @Override
    public ShareableList shareableList(List<?> values) {
        requireOpen();
        return ipc.primitives().shareableList(values);
    }

    @Override
    public ShareableList attachShareableList(String name) {
        requireOpen();
        return ipc.primitives().attachShareableList(name);
    }

    @Override
    public Manager manager() {
        requireOpen();
        return ipc.primitives().manager();
    }

    /** @return the codec of this context */
    public Codec codec() {
        return codec;
    }

    /**
     * Starts a daemon child whose target talks to the parent through its control channel: a pool worker.
     *
     * @param target the worker's main loop
     * @param name the worker's name
     * @param messages receives the worker's messages, on a backend thread
     * @return the running worker
     */
    public ChildHandle startWorker(Target target, String name, java.util.function.Consumer<byte[]> messages) {
        requireOpen();
        ChildProcess<Void> child = new ChildProcess<>(this, target, false);
        child.name(name).daemon(true);
        child.messageHandler(messages);
        child.start();
        return new ChildHandle() {
            @Override
            public void send(byte[] message) {
                child.send(message);
            }

            @Override
            public Process<Void> process() {
                return child;
            }

            @Override
            public java.util.concurrent.CompletableFuture<Process<Void>> onExit() {
                return child.onExit();
            }
        };
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("context is closed");
        }
    }

    byte[] encodeTarget(Object target, String processName) {
        try {
            return codec.encode(target);
        } catch (CodecException e) {
            throw new CodecException("cannot start process '" + processName + "': its target "
                    + target.getClass().getName() + " cannot be serialized: " + e.getMessage(), e);
        }
    }

    Launch launch(ChildProcess<?> child, String name, boolean daemon, int[] identity, byte[] taskMessage)
            throws IOException {
        requireOpen();
        Standby standby = takeStandby();
        if (standby != null) {
            standby.assign(child);
            standby.session.send(taskMessage);
            return new Launch(standby.session, standby.process);
        }
        return spawnWithSession(child, name, daemon, identity, taskMessage);
    }

    /**
     * Whether children talk to this parent over control pipes (see {@link ControlPipes}) rather than through the
     * IPC backend's control server: where the spawn backend can place them, unless the system property
     * {@code mproc.controlPipes} is {@code false} (for comparing the two).
     */
    private boolean useControlPipes() {
        return spawn.supportsControlPipes() && !"false".equals(System.getProperty("mproc.controlPipes"));
    }

    /**
     * Spawns a child and opens its control session, over control pipes where the spawn backend offers them,
     * else through the IPC backend's control server.
     *
     * @param firstMessage queued on the session before anything else, or {@code null}
     */
    private Launch spawnWithSession(ControlListener listener, String name, boolean daemon, int[] identity,
            byte[] firstMessage) throws IOException {
        long token = random.nextLong();
        if (useControlPipes()) {
            SpawnedProcess p = spawnChild(PipeChildConnector.class.getName(), PipeChildConnector.ADDRESS, true, token,
                    name, daemon, identity);
            ControlPipes pipes = p.controlPipes().orElse(null);
            if (pipes == null) {
                p.signal(9, false);
                throw new IOException("spawn backend " + spawnName + " supports control pipes but gave none");
            }
            ControlSession session = PipeControlSession.start(pipes, token, secret, options.maxFrameBytes(), random,
                    listener, name + "-" + p.pid());
            if (firstMessage != null) {
                session.send(firstMessage);
            }
            return new Launch(session, p);
        }
        ControlServer server = ipc.controlServer();
        ControlSession session = server.expect(token, listener);
        if (firstMessage != null) {
            session.send(firstMessage);
        }
        try {
            return new Launch(session, spawnChild(ipc.childConnectorClass(), server.address(), false, token, name,
                    daemon, identity));
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** Spawns a child JVM, with the class-data archive's options; a child that records the archive publishes it. */
    private SpawnedProcess spawnChild(String connectorClass, String address, boolean controlPipes, long token,
            String name, boolean daemon, int[] identity) throws IOException {
        ClassDataSharing.Use cds = classDataSharing().map(ClassDataSharing::next)
                .orElse(new ClassDataSharing.Use(List.of(), null));
        SpawnedProcess p = spawn.spawn(launchSpec(connectorClass, address, controlPipes, token, name, daemon, identity,
                cds.options()));
        if (cds.recordingTo() != null) {
            classDataSharing().orElseThrow().recorded(cds.recordingTo(), p.onExit());
        }
        return p;
    }

    private java.util.Optional<ClassDataSharing> classDataSharing() {
        synchronized (this) {
            if (classDataSharing == null) {
                classDataSharing = java.util.Optional.ofNullable(ClassDataSharing.of(options.classDataSharing(),
                        javaExecutable(), childClassPath(), options.jvmOptions()));
            }
            return classDataSharing;
        }
    }

    private String javaExecutable() {
        return options.javaExecutable().map(Path::toString)
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private String childClassPath() {
        return options.classPath().orElse(System.getProperty("java.class.path", ""));
    }

    private LaunchSpec launchSpec(String connectorClass, String address, boolean controlPipes, long token, String name,
            boolean daemon, int[] identity, List<String> extraJvmOptions) {
        String java = javaExecutable();
        String classPath = childClassPath();
        ProcessRuntime runtime = ProcessRuntime.current();
        BootstrapRecord record = new BootstrapRecord(secret, token, connectorClass,
                spawn.childBootHookClass().orElse(""), address,
                (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()), options.maxFrameBytes(), name,
                daemon, identity, runtime.self().pid(), runtime.self().name(), spawnName, ipcName, java, classPath,
                options.jvmOptions());
        List<String> command = new ArrayList<>();
        command.add(java);
        // A child dies of the signals it gets, as a Python process does (terminate() gives -15, not the JVM's
        // exit 143 after its shutdown hooks). First, so that -XX:-ReduceSignalUsage in the options undoes it.
        command.add("-Xrs");
        command.addAll(options.jvmOptions());
        command.addAll(extraJvmOptions);
        if (!classPath.isEmpty()) {
            command.add("-cp");
            command.add(classPath);
        }
        command.add(ChildMain.class.getName());
        return LaunchSpec.builder(command)
                .stdinBytes(record.toBytes())
                .controlPipes(controlPipes)
                .stdout(options.stdout())
                .stderr(options.stderr())
                .scheduling(options.scheduling())
                .build();
    }

    // ---- warm standby --------------------------------------------------------------------------------------------

    /**
     * A booted child waiting for a task. Until a process takes it, it stands for nobody: its connection events are
     * kept here and handed to the taking process, and its death only makes room for a replacement.
     */
    private final class Standby implements ControlListener {
        private ControlSession session;
        private SpawnedProcess process;
        private ChildProcess<?> owner;
        private boolean connected;
        private boolean disconnected;
        private Throwable cause;

        @Override
        public void onConnected() {
            synchronized (this) {
                connected = true;
                if (owner != null) {
                    owner.onConnected();
                }
            }
            // Not under this standby's monitor: awaitStandby holds the list's and then asks each standby.
            synchronized (standbys) {
                standbys.notifyAll();
            }
        }

        synchronized boolean connected() {
            return connected && !disconnected;
        }

        @Override
        public void onMessage(byte[] message) {
            ChildProcess<?> o;
            synchronized (this) {
                o = owner;
            }
            if (o != null) {
                o.onMessage(message);
            }
        }

        @Override
        public synchronized void onDisconnected(Throwable why) {
            disconnected = true;
            cause = why;
            if (owner != null) {
                owner.onDisconnected(why);
            }
        }

        synchronized void assign(ChildProcess<?> child) {
            owner = child;
            if (connected) {
                child.onConnected();
            }
            if (disconnected) {
                child.onDisconnected(cause);
            }
        }

        synchronized boolean assigned() {
            return owner != null;
        }
    }

    @Override
    public boolean awaitStandby(java.time.Duration timeout) throws InterruptedException {
        long nanos = dev.mproc.spi.Timeouts.nanos(timeout);
        long deadline = System.nanoTime() + (nanos == dev.mproc.spi.Timeouts.FOREVER ? Long.MAX_VALUE / 2 : nanos);
        synchronized (standbys) {
            while (true) {
                if (options.standbyProcesses() == 0 || closed) {
                    return false;
                }
                for (Standby s : standbys) {
                    if (s.connected()) {
                        return true;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(standbys, left);
            }
        }
    }

    private Standby takeStandby() {
        if (options.standbyProcesses() == 0) {
            return null;
        }
        Standby s;
        synchronized (standbys) {
            s = standbys.poll();
        }
        replenishStandbys();
        return s;
    }

    /** Boots standby children, off the caller's thread, until the configured number wait. */
    private void replenishStandbys() {
        if (options.standbyProcesses() == 0 || closed) {
            return;
        }
        standbyStarter().execute(() -> {
            while (!closed) {
                synchronized (standbys) {
                    if (standbys.size() >= options.standbyProcesses()) {
                        return;
                    }
                }
                Standby s = new Standby();
                try {
                    // Not a daemon at boot: a standby must not arm die-with-parent for a role it may not get; until its
                    // task arrives, end-of-file on its control connection ends it when the parent goes.
                    Launch launch = spawnWithSession(s, ChildMain.STANDBY_NAME, false, new int[0], null);
                    synchronized (s) {
                        s.session = launch.session();
                        s.process = launch.process();
                    }
                } catch (IOException | RuntimeException e) {
                    System.getLogger("dev.mproc").log(System.Logger.Level.WARNING, "cannot start a standby child", e);
                    return;
                }
                s.process.onExit().thenRun(() -> {
                    if (!s.assigned()) {
                        s.session.close();
                        synchronized (standbys) {
                            standbys.remove(s);
                        }
                        replenishStandbys();
                    }
                });
                synchronized (standbys) {
                    standbys.add(s);
                }
            }
        });
    }

    private synchronized java.util.concurrent.ExecutorService standbyStarter() {
        if (standbyStarter == null) {
            standbyStarter = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "mproc-standby");
                t.setDaemon(true);
                return t;
            });
        }
        return standbyStarter;
    }

    private void killStandbys() {
        List<Standby> idle;
        synchronized (standbys) {
            idle = new ArrayList<>(standbys);
            standbys.clear();
            standbys.notifyAll(); // awaitStandby: no standby any more
        }
        for (Standby s : idle) {
            s.session.close();
            s.process.signal(9, false);
        }
        if (standbyStarter != null) {
            standbyStarter.shutdownNow();
        }
    }

    void started(ChildProcess<?> child) {
        children.add(child);
    }

    void ended(ChildProcess<?> child) {
        children.remove(child);
    }

    @Override
    public void close() {
        if (isDefault || closed) {
            return;
        }
        closed = true;
        killStandbys();
        for (ChildProcess<?> c : children) {
            if (c.isDaemon()) {
                c.terminateQuietly();
            }
        }
        boolean interrupted = false;
        for (ChildProcess<?> c : children) {
            try {
                c.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        ipc.close();
        spawn.close();
        RuntimeDirectory.delete(runtimeDirectory);
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook runs anyway.
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
