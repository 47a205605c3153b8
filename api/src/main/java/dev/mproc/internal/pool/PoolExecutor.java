package dev.mproc.internal.pool;

import dev.mproc.Task;
import dev.mproc.pool.AsyncResult;
import dev.mproc.pool.Pool;
import dev.mproc.pool.ProcessPoolExecutor;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link ProcessPoolExecutor} on a {@link ProcessPool}. */
public final class PoolExecutor implements ProcessPoolExecutor {

    private final ProcessPool pool;
    /** What was submitted, by its result, so that shutdownNow can hand back the tasks that never started. */
    private final Map<AsyncResult<?>, Runnable> submitted = new ConcurrentHashMap<>();

    /** A serializable {@link Callable} as a {@link Task}. */
    private record CallableTask<T>(Callable<T> callable) implements Task<T> {
        @Override
        public T call() throws Exception {
            return callable.call();
        }
    }

    /** A serializable {@link Runnable} as a {@link Task}. */
    private record RunnableTask<T>(Runnable runnable, T result) implements Task<T> {
        @Override
        public T call() {
            runnable.run();
            return result;
        }
    }

    /**
     * @param pool the pool to run on
     */
    public PoolExecutor(ProcessPool pool) {
        this.pool = pool;
    }

    @Override
    public Pool pool() {
        return pool;
    }

    @Override
    public <T> Future<T> submit(Task<T> task) {
        return track(task, () -> {
            try {
                task.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        if (task instanceof Task<T> t) {
            return submit(t);
        }
        return submit(new CallableTask<>(serializable(task)));
    }

    @Override
    public Future<?> submit(Runnable task) {
        return submit(new RunnableTask<>(serializable(task), null));
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        return submit(new RunnableTask<>(serializable(task), result));
    }

    @Override
    public void execute(Runnable command) {
        submit(command);
    }

    private <T> AsyncResult<T> track(Task<T> task, Runnable local) {
        AsyncResult<T> r;
        try {
            r = pool.applyAsync(task, null, null);
        } catch (IllegalStateException e) {
            throw new RejectedExecutionException("the executor is shut down", e);
        }
        submitted.put(r, local);
        r.toCompletableFuture().whenComplete((v, e) -> submitted.remove(r));
        return r;
    }

    private static <X> X serializable(X task) {
        if (!(task instanceof Serializable)) {
            throw new RejectedExecutionException("task " + task.getClass().getName() + " is not serializable, so it "
                    + "cannot be sent to a worker process: declare it as a dev.mproc.Task (submit a lambda through a "
                    + "ProcessPoolExecutor reference) or make its class Serializable");
        }
        return task;
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        List<Future<T>> futures = submitAll(tasks);
        for (Future<T> f : futures) {
            try {
                f.get();
            } catch (ExecutionException | CancellationException e) {
                // Reported through the future, as invokeAll's contract says.
            }
        }
        return futures;
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        List<Future<T>> futures = submitAll(tasks);
        for (Future<T> f : futures) {
            long left = deadline - System.nanoTime();
            try {
                f.get(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | CancellationException e) {
                // Reported through the future.
            } catch (TimeoutException e) {
                break;
            }
        }
        for (Future<T> f : futures) {
            f.cancel(true);
        }
        return futures;
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return invokeAny(tasks, Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("unbounded invokeAny timed out", e);
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("no tasks");
        }
        LinkedBlockingQueue<Future<T>> completed = new LinkedBlockingQueue<>();
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> c : tasks) {
            AsyncResult<T> r = (AsyncResult<T>) submit(c);
            r.toCompletableFuture().whenComplete((v, e) -> completed.add(r));
            futures.add(r);
        }
        long deadline = System.nanoTime() + Math.min(unit.toNanos(timeout), Long.MAX_VALUE / 2);
        ExecutionException last = null;
        try {
            for (int i = 0; i < futures.size(); i++) {
                Future<T> f = completed.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (f == null) {
                    throw new TimeoutException("no task completed within " + Duration.ofNanos(unit.toNanos(timeout)));
                }
                try {
                    return f.get();
                } catch (ExecutionException e) {
                    last = e;
                } catch (CancellationException e) {
                    last = new ExecutionException(e);
                }
            }
            throw last;
        } finally {
            for (Future<T> f : futures) {
                f.cancel(true);
            }
        }
    }

    private <T> List<Future<T>> submitAll(Collection<? extends Callable<T>> tasks) {
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> c : tasks) {
            futures.add(submit(c));
        }
        return futures;
    }

    @Override
    public void shutdown() {
        pool.close();
    }

    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> unstarted = new ArrayList<>();
        // A snapshot first: terminating completes the results, which removes them from the live map.
        Map<AsyncResult<?>, Runnable> before = new java.util.HashMap<>(submitted);
        for (AsyncResult<?> r : pool.terminateReturningUnstarted()) {
            Runnable local = before.get(r);
            if (local != null) {
                unstarted.add(local);
            }
        }
        return unstarted;
    }

    @Override
    public boolean isShutdown() {
        return pool.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return pool.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return pool.awaitTermination(Duration.ofNanos(unit.toNanos(timeout)));
    }

    @Override
    public void close() {
        shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                pool.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
