package dev.mproc.internal.pool;

import dev.mproc.CodecException;
import dev.mproc.Task;
import dev.mproc.internal.ChildHandle;
import dev.mproc.internal.DefaultContext;
import dev.mproc.pool.AsyncResult;
import dev.mproc.pool.Pool;
import dev.mproc.pool.PoolOptions;
import dev.mproc.pool.PoolTaskException;
import dev.mproc.pool.StarFunction;
import dev.mproc.pool.TaskFunction;
import dev.mproc.pool.WorkerDiedException;
import dev.mproc.spi.Codec;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The pool, built once on the SPI: workers are daemon children whose targets read chunks from their control
 * channel, so any spawn × IPC combination runs it.
 *
 * <h2>Dispatch</h2>
 * Submissions become chunks in one queue. Each worker holds enough chunks to stay busy for about 2 ms by what items
 * have cost so far (at least {@link #PREFETCH}, so the next one is already there when it finishes one); everything a
 * dispatch round has for a worker goes in one message, and workers batch their results the same way. A function is
 * sent to a worker once (both sides keep the same bounded LRU of functions, so they agree on what the worker has).
 * All pool state is guarded by {@link #lock}; results are decoded and callbacks run on the single result thread.
 *
 * <h2>Failures</h2>
 * A worker's chunks are processed in order, so the head of its in-flight chunks is the one running. When a worker
 * ends unexpectedly, that chunk fails with {@link WorkerDiedException} (or {@link TimeoutException} when the task
 * timeout killed it) and the chunks it had not started go back to the front of the queue; a new worker replaces it.
 */
public final class ProcessPool implements Pool {

    static final int PREFETCH = 2;
    static final int MAX_DEPTH = 1024;
    static final double QUEUED_WORK_NANOS = 2_000_000;
    static final int FUNCTIONS_PER_WORKER = 64;
    /** A message at least this large travels alone rather than copied into a BATCH. */
    static final int BATCH_BYTES = 16 * 1024;

    private enum State { RUNNING, CLOSED, TERMINATED }

    private final DefaultContext context;
    private final Codec codec;
    private final PoolOptions options;
    private final int size;
    private final Object lock = new Object();
    private final ArrayDeque<Chunk> queue = new ArrayDeque<>();
    private final List<Worker> workers = new ArrayList<>();
    private final LinkedBlockingQueue<Runnable> events = new LinkedBlockingQueue<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger workerNames = new AtomicInteger();
    private final ScheduledExecutorService timers;
    private volatile ProgressListener progress;
    /** What one item has cost in a worker lately (moving average), guarded by lock; 0 until known. */
    private double itemNanos;
    private State state = State.RUNNING;

    /** The parent's view of one worker. */
    private final class Worker {
        final ChildHandle handle;
        final ArrayDeque<Chunk> inFlight = new ArrayDeque<>();
        final Map<Long, Boolean> functions = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                return size() > FUNCTIONS_PER_WORKER;
            }
        };
        long quota;
        boolean stopping;
        /** Booted and initialised: only then do task timeouts run, so a slow start is not a slow task. */
        boolean ready;
        Chunk timedOut;
        /** Why this worker was killed for a malformed message, if it was. */
        CodecException malformed;
        ScheduledFuture<?> timer;

        Worker(int maxTasks) {
            this.quota = maxTasks == 0 ? Long.MAX_VALUE : maxTasks;
            String name = "PoolWorker-" + workerNames.incrementAndGet();
            Worker self = this;
            this.handle = context.startWorker(new PoolWorkerMain(options.initializer().orElse(null), maxTasks), name,
                    message -> events.add(() -> onResults(self, message)));
            handle.onExit().thenAccept(p -> events.add(() -> onExit(self)));
        }
    }

    /**
     * Starts the pool's workers.
     *
     * @param context the context whose backends start them
     * @param options the pool's options
     */
    public ProcessPool(DefaultContext context, PoolOptions options) {
        this.context = context;
        this.codec = context.codec();
        this.options = options;
        this.size = options.processes().orElse(context.cpuCount());
        this.timers = options.taskTimeout().isPresent() ? newTimer() : null;
        Thread results = new Thread(this::runEvents, "mproc-pool-results");
        results.setDaemon(true);
        results.start();
        synchronized (lock) {
            try {
                for (int i = 0; i < size; i++) {
                    workers.add(new Worker(options.maxTasksPerChild()));
                }
            } catch (RuntimeException e) {
                // Python's rule: a pool that cannot start all its workers leaves none behind.
                state = State.TERMINATED;
                for (Worker w : workers) {
                    w.handle.process().kill();
                }
                throw e;
            }
        }
    }

    private static ScheduledExecutorService newTimer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "mproc-pool-timeouts");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    private void runEvents() {
        while (true) {
            try {
                events.take().run();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                System.getLogger("dev.mproc.pool").log(System.Logger.Level.ERROR, "pool result thread", e);
            }
        }
    }

    // ---- submitting ----------------------------------------------------------------------------------------------

    @Override
    public <R> R apply(Task<R> task) throws InterruptedException {
        return waitFor(applyAsync(task));
    }

    @Override
    public <R> AsyncResult<R> applyAsync(Task<R> task) {
        return applyAsync(task, null, null);
    }

    @Override
    public <R> AsyncResult<R> applyAsync(Task<R> task, Consumer<? super R> callback, Consumer<Throwable> errorCallback) {
        AsyncResultImpl<R> result = new AsyncResultImpl<>(callback, errorCallback);
        byte[] encoded = codec.encode(task);
        byte[] message = new byte[PoolProtocol.CHUNK_HEADER + encoded.length];
        System.arraycopy(encoded, 0, message, PoolProtocol.CHUNK_HEADER, encoded.length);
        long id = ids.incrementAndGet();
        PoolProtocol.chunk(message, id, 0, PoolProtocol.KIND_TASK);
        Job job = new ApplyJob<>(result);
        submit(List.of(new Chunk(id, job, 0, 1, 0, null, PoolProtocol.KIND_TASK, message)));
        return result;
    }

    @Override
    public <T, R> List<R> map(TaskFunction<? super T, ? extends R> function, Iterable<? extends T> inputs)
            throws InterruptedException {
        return waitFor(mapAsync(function, inputs, 0, null, null));
    }

    @Override
    public <T, R> List<R> map(TaskFunction<? super T, ? extends R> function, Iterable<? extends T> inputs,
            int chunksize) throws InterruptedException {
        requireChunksize(chunksize);
        return waitFor(mapAsync(function, inputs, chunksize, null, null));
    }

    @Override
    public <T, R> AsyncResult<List<R>> mapAsync(TaskFunction<? super T, ? extends R> function,
            Iterable<? extends T> inputs, int chunksize, Consumer<? super List<R>> callback,
            Consumer<Throwable> errorCallback) {
        return mapJob(function, PoolProtocol.KIND_FUNCTION, materialise(inputs), chunksize, callback, errorCallback);
    }

    @Override
    public <R> List<R> starmap(StarFunction<? extends R> function, Iterable<? extends List<?>> argumentLists,
            int chunksize) throws InterruptedException {
        List<Object> args = new ArrayList<>();
        for (List<?> a : argumentLists) {
            args.add(new ArrayList<>(a));
        }
        return waitFor(this.<R>mapJob(function, PoolProtocol.KIND_STAR, args, chunksize, null, null));
    }

    private <R> AsyncResult<List<R>> mapJob(Object function, byte kind, List<Object> items, int chunksize,
            Consumer<? super List<R>> callback, Consumer<Throwable> errorCallback) {
        requireRunning();
        int cs = chunksize > 0 ? chunksize : defaultChunksize(items.size());
        AsyncResultImpl<List<R>> result = new AsyncResultImpl<>(callback, errorCallback);
        MapJob<R> job = new MapJob<>(items.size(), result, () -> progress);
        submitChunks(job, function, kind, items, cs);
        return result;
    }

    @Override
    public <T, R> Iterator<R> imap(TaskFunction<? super T, ? extends R> function, Iterable<? extends T> inputs,
            int chunksize) {
        return imapJob(function, inputs, chunksize, true);
    }

    @Override
    public <T, R> Iterator<R> imapUnordered(TaskFunction<? super T, ? extends R> function,
            Iterable<? extends T> inputs, int chunksize) {
        return imapJob(function, inputs, chunksize, false);
    }

    private <T, R> Iterator<R> imapJob(TaskFunction<? super T, ? extends R> function, Iterable<? extends T> inputs,
            int chunksize, boolean ordered) {
        requireChunksize(chunksize);
        requireRunning();
        List<Object> items = materialise(inputs);
        ImapJob<R> job = new ImapJob<>(items.size(), ordered, () -> progress);
        submitChunks(job, function, PoolProtocol.KIND_FUNCTION, items, chunksize);
        return job;
    }

    /**
     * Encodes the inputs chunk by chunk and queues them as they are encoded, so that the workers start on the first
     * chunks while the caller still encodes the rest. A non-encodable argument fails the call with the codec's
     * error (Python's map raises too); chunks queued before it still run, and their results go to a job nobody
     * waits for.
     */
    private void submitChunks(Job job, Object function, byte kind, List<Object> items, int chunksize) {
        long functionId = ids.incrementAndGet();
        byte[] encodedFunction = codec.encode(function);
        List<Chunk> batch = new ArrayList<>();
        for (int first = 0; first < items.size(); first += chunksize) {
            int count = Math.min(chunksize, items.size() - first);
            batch.add(newChunk(ids.incrementAndGet(), job, first, functionId, encodedFunction, kind, items, first,
                    first + count));
            // Small chunks go in groups, so that queueing does not take the lock per item.
            if (batch.size() * (long) chunksize >= 4096 || first + count >= items.size()) {
                submit(batch);
                batch = new ArrayList<>();
            }
        }
    }

    /** A chunk of {@code items[from, to)}, its CHUNK message built with the items encoded in place. */
    private Chunk newChunk(long id, Job job, int first, long functionId, byte[] function, byte kind, List<?> items,
            int from, int to) {
        byte[] message = ItemBlock.encode(codec, items, from, to, PoolProtocol.CHUNK_HEADER);
        PoolProtocol.chunk(message, id, functionId, kind);
        return new Chunk(id, job, first, to - from, functionId, function, kind, message);
    }

    private int defaultChunksize(int n) {
        // Python: chunksize, extra = divmod(len(iterable), len(self._pool) * 4); if extra: chunksize += 1
        int divisor = size * 4;
        int cs = n / divisor + (n % divisor == 0 ? 0 : 1);
        return Math.max(1, cs);
    }

    private static void requireChunksize(int chunksize) {
        if (chunksize < 1) {
            throw new IllegalArgumentException("Chunksize must be 1+, not " + chunksize);
        }
    }

    /**
     * The inputs copied into an array (one arraycopy for a collection) and seen as a list of always the same class,
     * so that the encoder's loop, once compiled, stays compiled whatever list the caller passes: a warm-up on a
     * {@code subList} would otherwise leave it compiled for that class only, and a later {@code ArrayList} would
     * send it back to the interpreter.
     */
    private static <T> List<Object> materialise(Iterable<? extends T> inputs) {
        if (inputs instanceof Collection<?> c) {
            return Arrays.asList(c.toArray());
        }
        List<Object> items = new ArrayList<>();
        for (T t : inputs) {
            items.add(t);
        }
        return Arrays.asList(items.toArray());
    }

    private static <R> R waitFor(AsyncResult<R> result) throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw new PoolTaskException("a pool task failed: " + e.getCause(), e.getCause());
        } catch (CancellationException e) {
            throw new PoolTaskException("the pool was terminated before the task completed", e);
        }
    }

    private void requireRunning() {
        synchronized (lock) {
            if (state != State.RUNNING) {
                throw new IllegalStateException("Pool not running");
            }
        }
    }

    private void submit(List<Chunk> chunks) {
        synchronized (lock) {
            if (state != State.RUNNING) {
                throw new IllegalStateException("Pool not running");
            }
            queue.addAll(chunks);
            dispatch();
        }
    }

    // ---- dispatch (under lock) -----------------------------------------------------------------------------------

    private void dispatch() {
        Map<Worker, List<byte[]>> out = new LinkedHashMap<>();
        // First every idle worker gets one chunk, then workers are topped up to their depth: a worker never holds
        // a second task while another has none (four long tasks on four workers run at once).
        for (Worker w : workers) {
            if (w.inFlight.isEmpty()) {
                give(w, out);
            }
        }
        for (Worker w : workers) {
            while (!queue.isEmpty() && w.inFlight.size() < depth(queue.peek()) && give(w, out)) {
                // keep filling
            }
        }
        for (Worker w : workers) {
            boolean drained = state == State.CLOSED && queue.isEmpty();
            if (!w.stopping && w.inFlight.isEmpty() && (drained || w.quota == 0)) {
                w.stopping = true;
                out.computeIfAbsent(w, k -> new ArrayList<>()).add(PoolProtocol.stop());
            }
        }
        out.forEach(this::sendAll);
    }

    /**
     * Sends a worker's messages in order: small ones grouped in BATCH messages, so that many small chunks cost one
     * message; a large one alone, since copying it into a batch would cost more than the message it saves.
     */
    private void sendAll(Worker w, List<byte[]> messages) {
        List<byte[]> small = new ArrayList<>();
        for (byte[] m : messages) {
            if (m.length < BATCH_BYTES) {
                small.add(m);
                continue;
            }
            sendBatch(w, small);
            small.clear();
            w.handle.send(m);
        }
        sendBatch(w, small);
    }

    private static void sendBatch(Worker w, List<byte[]> messages) {
        if (messages.size() == 1) {
            w.handle.send(messages.get(0));
        } else if (!messages.isEmpty()) {
            w.handle.send(PoolProtocol.batch(messages));
        }
    }

    /** Hands the next chunk to a worker, if it can take one; splits it to fit a worker's remaining task quota. */
    private boolean give(Worker w, Map<Worker, List<byte[]>> out) {
        if (w.stopping || w.quota <= 0 || queue.isEmpty()) {
            return false;
        }
        Chunk c = queue.poll();
        if (c.count() > w.quota) {
            Chunk[] parts = split(c, (int) w.quota);
            queue.addFirst(parts[1]);
            c = parts[0];
        }
        send(w, c, out.computeIfAbsent(w, k -> new ArrayList<>()));
        return true;
    }

    /**
     * How many chunks like this one a worker may hold: enough to keep it busy for about {@link #QUEUED_WORK_NANOS}
     * by what items have cost so far, at least {@link #PREFETCH}. Long tasks are not hoarded by one worker while
     * another idles; tiny ones travel many to a message.
     */
    private int depth(Chunk next) {
        double perItem = itemNanos;
        if (perItem <= 0) {
            return PREFETCH;
        }
        double chunks = QUEUED_WORK_NANOS / (perItem * next.count());
        return (int) Math.max(PREFETCH, Math.min(MAX_DEPTH, chunks));
    }

    private Chunk[] split(Chunk c, int n) {
        byte[] m = c.message();
        List<?> items = ItemBlock.decode(codec, m, PoolProtocol.CHUNK_HEADER, m.length - PoolProtocol.CHUNK_HEADER);
        Chunk head = newChunk(c.id(), c.job(), c.first(), c.functionId(), c.function(), c.kind(), items, 0, n);
        Chunk tail = newChunk(ids.incrementAndGet(), c.job(), c.first() + n, c.functionId(), c.function(), c.kind(),
                items, n, items.size());
        return new Chunk[] {head, tail};
    }

    private void send(Worker w, Chunk c, List<byte[]> out) {
        if (c.function() != null && w.functions.get(c.functionId()) == null) {
            w.functions.put(c.functionId(), Boolean.TRUE);
            out.add(PoolProtocol.function(c.functionId(), c.function()));
        }
        out.add(c.message());
        w.inFlight.add(c);
        w.quota -= c.count();
        if (w.inFlight.size() == 1) {
            startTimer(w);
        }
    }

    private void startTimer(Worker w) {
        if (timers == null || w.inFlight.isEmpty() || !w.ready) {
            return;
        }
        Chunk head = w.inFlight.peek();
        long nanos = options.taskTimeout().orElseThrow().toNanos() * head.count();
        w.timer = timers.schedule(() -> events.add(() -> onTimeout(w, head)), nanos, TimeUnit.NANOSECONDS);
    }

    // ---- events (on the result thread) ---------------------------------------------------------------------------

    private void onResults(Worker w, byte[] message) {
        if (message.length == 1 && message[0] == PoolProtocol.READY) {
            synchronized (lock) {
                w.ready = true;
                startTimer(w);
            }
            return;
        }
        if (message.length == 0 || message[0] != PoolProtocol.RESULTS) {
            return;
        }
        List<PoolProtocol.Outcome> outcomes;
        try {
            outcomes = PoolProtocol.results(message);
        } catch (CodecException e) {
            // The framing cannot be trusted past this point: the worker goes, and its chunks are handled as for
            // a worker that died, the one it was running failing with this error.
            synchronized (lock) {
                w.malformed = e;
            }
            System.getLogger("dev.mproc.pool").log(System.Logger.Level.ERROR, "pool worker "
                    + w.handle.process().name() + " sent a malformed message; killing it", e);
            w.handle.process().kill();
            return;
        }
        int n = outcomes.size();
        List<Chunk> chunks = new ArrayList<>(n);
        synchronized (lock) {
            for (PoolProtocol.Outcome o : outcomes) {
                Chunk found = null;
                for (Iterator<Chunk> it = w.inFlight.iterator(); it.hasNext();) {
                    Chunk c = it.next();
                    if (c.id() == o.chunkId()) {
                        found = c;
                        it.remove();
                        double perItem = (double) o.nanos() / c.count();
                        itemNanos = itemNanos <= 0 ? perItem : 0.8 * itemNanos + 0.2 * perItem;
                        break;
                    }
                }
                chunks.add(found);
            }
            if (w.timer != null) {
                w.timer.cancel(false);
                w.timer = null;
            }
            startTimer(w);
            dispatch();
        }
        for (int i = 0; i < n; i++) {
            Chunk chunk = chunks.get(i);
            if (chunk == null) {
                continue; // already failed (terminate, timeout)
            }
            PoolProtocol.Outcome o = outcomes.get(i);
            List<?> results = null;
            Throwable failure;
            try {
                failure = o.ok() ? null : decodeFailure(o);
                if (failure == null) {
                    results = ItemBlock.decode(codec, o.message(), o.offset(), o.length());
                    if (results.size() != chunk.count()) {
                        throw new CodecException("pool worker " + w.handle.process().name() + " sent "
                                + results.size() + " results for a chunk of " + chunk.count() + " items");
                    }
                }
            } catch (RuntimeException e) {
                failure = e;
            }
            if (failure != null) {
                chunk.job().failed(chunk, failure);
            } else {
                chunk.job().succeeded(chunk, results);
            }
        }
    }

    private Throwable decodeFailure(PoolProtocol.Outcome o) {
        Object decoded = codec.decode(o.message(), o.offset(), o.length());
        if (decoded instanceof Throwable t) {
            return t;
        }
        throw new CodecException("a pool worker reported a failure as a "
                + (decoded == null ? "null" : decoded.getClass().getName()) + ", not an exception");
    }

    private void onTimeout(Worker w, Chunk chunk) {
        synchronized (lock) {
            if (w.inFlight.peek() != chunk) {
                return;
            }
            w.timedOut = chunk;
        }
        w.handle.process().kill();
    }

    private void onExit(Worker w) {
        Chunk lost = null;
        Throwable why = null;
        synchronized (lock) {
            workers.remove(w);
            if (w.timer != null) {
                w.timer.cancel(false);
            }
            if (!w.inFlight.isEmpty() && state != State.TERMINATED) {
                lost = w.inFlight.poll();
                long pid = w.handle.process().pid().orElse(-1);
                int code = w.handle.process().exitCode().orElse(Integer.MIN_VALUE);
                why = lost == w.timedOut
                        ? new TimeoutException("a task of this chunk outlived the pool's task timeout of "
                                + options.taskTimeout().orElseThrow() + "; its worker (pid " + pid + ") was killed")
                        : w.malformed != null
                        ? new CodecException("pool worker " + w.handle.process().name() + " (pid " + pid
                                + ") sent a malformed message and was killed: " + w.malformed.getMessage(),
                                w.malformed)
                        : new WorkerDiedException("pool worker " + w.handle.process().name() + " (pid " + pid
                                + ") ended with exit code " + code + " while running this task", pid, code);
                for (Iterator<Chunk> it = w.inFlight.descendingIterator(); it.hasNext();) {
                    queue.addFirst(it.next());
                }
                w.inFlight.clear();
            }
            boolean needed = state == State.RUNNING || (state == State.CLOSED && !queue.isEmpty());
            if (needed && workers.size() < size) {
                try {
                    workers.add(new Worker(options.maxTasksPerChild()));
                } catch (RuntimeException e) {
                    System.getLogger("dev.mproc.pool").log(System.Logger.Level.ERROR,
                            "cannot replace a pool worker", e);
                }
            }
            dispatch();
            lock.notifyAll();
        }
        if (lost != null) {
            lost.job().failed(lost, why);
        }
    }

    // ---- life cycle ----------------------------------------------------------------------------------------------

    @Override
    public void onProgress(ProgressListener listener) {
        this.progress = listener;
    }

    @Override
    public int processes() {
        return size;
    }

    @Override
    public List<Long> workerPids() {
        synchronized (lock) {
            List<Long> pids = new ArrayList<>();
            for (Worker w : workers) {
                w.handle.process().pid().ifPresent(pids::add);
            }
            return pids;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (state == State.RUNNING) {
                state = State.CLOSED;
                dispatch();
                lock.notifyAll();
            }
        }
    }

    /**
     * Terminates, and tells which single tasks never reached a worker: for {@code shutdownNow}.
     *
     * @return the results of the tasks that never started
     */
    List<AsyncResult<?>> terminateReturningUnstarted() {
        List<AsyncResult<?>> unstarted = new ArrayList<>();
        synchronized (lock) {
            for (Chunk c : queue) {
                if (c.job() instanceof ApplyJob<?> a) {
                    unstarted.add(a.result);
                }
            }
        }
        terminate();
        return unstarted;
    }

    /** @return whether the pool no longer accepts tasks */
    boolean isShutdown() {
        synchronized (lock) {
            return state != State.RUNNING;
        }
    }

    /**
     * Waits until the pool has been shut down and every worker has exited: {@code awaitTermination}.
     *
     * @param timeout the longest time to wait
     * @return whether that happened in time
     * @throws InterruptedException if interrupted while waiting
     */
    boolean awaitTermination(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        synchronized (lock) {
            while (state == State.RUNNING || !workers.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /** @return whether the pool was shut down and every worker has exited */
    boolean isTerminated() {
        synchronized (lock) {
            return state != State.RUNNING && workers.isEmpty();
        }
    }

    @Override
    public void terminate() {
        List<Chunk> cancelled = new ArrayList<>();
        List<Worker> victims;
        synchronized (lock) {
            if (state == State.TERMINATED) {
                return;
            }
            state = State.TERMINATED;
            lock.notifyAll();
            cancelled.addAll(queue);
            queue.clear();
            victims = new ArrayList<>(workers);
            for (Worker w : victims) {
                cancelled.addAll(w.inFlight);
                w.inFlight.clear();
                w.stopping = true;
            }
        }
        for (Worker w : victims) {
            w.handle.process().kill();
        }
        if (timers != null) {
            timers.shutdownNow();
        }
        events.add(() -> {
            for (Chunk c : cancelled) {
                c.job().failed(c, new CancellationException("the pool was terminated"));
            }
        });
    }

    @Override
    public void join() throws InterruptedException {
        synchronized (lock) {
            requireStopped();
            while (!workers.isEmpty()) {
                lock.wait();
            }
        }
    }

    @Override
    public boolean join(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        synchronized (lock) {
            requireStopped();
            while (!workers.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    private void requireStopped() {
        if (state == State.RUNNING) {
            throw new IllegalStateException("Pool is still running");
        }
    }
}
