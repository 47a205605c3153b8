package dev.mproc.internal.pool;

import dev.mproc.pool.AsyncResult;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** A result set once, by the pool's result thread, after its callback ran. */
final class AsyncResultImpl<T> implements AsyncResult<T> {

    private final CountDownLatch done = new CountDownLatch(1);
    private final Consumer<? super T> callback;
    private final Consumer<Throwable> errorCallback;
    private final CompletableFuture<T> future = new CompletableFuture<>();
    private volatile T value;
    private volatile Throwable failure;
    private volatile boolean cancelled;

    AsyncResultImpl(Consumer<? super T> callback, Consumer<Throwable> errorCallback) {
        this.callback = callback;
        this.errorCallback = errorCallback;
    }

    /** Runs the callback, then publishes the value. Called once, on the result thread. */
    synchronized void succeed(T result) {
        if (done.getCount() == 0) {
            return;
        }
        if (callback != null) {
            try {
                callback.accept(result);
            } catch (RuntimeException e) {
                System.getLogger("dev.mproc.pool").log(System.Logger.Level.WARNING, "pool callback threw", e);
            }
        }
        value = result;
        done.countDown();
        future.complete(result);
    }

    /** Runs the error callback, then publishes the failure. */
    synchronized void fail(Throwable cause) {
        if (done.getCount() == 0) {
            return;
        }
        if (errorCallback != null && !(cause instanceof CancellationException)) {
            try {
                errorCallback.accept(cause);
            } catch (RuntimeException e) {
                System.getLogger("dev.mproc.pool").log(System.Logger.Level.WARNING, "pool error callback threw", e);
            }
        }
        cancelled = cause instanceof CancellationException;
        failure = cause;
        done.countDown();
        future.completeExceptionally(cause);
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        done.await();
        return report();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        if (!done.await(timeout, unit)) {
            throw new TimeoutException("the result is not ready after " + timeout + " " + unit);
        }
        return report();
    }

    @Override
    public T get(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        if (!done.await(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS)) {
            throw new TimeoutException("the result is not ready after " + timeout);
        }
        return report();
    }

    private T report() throws ExecutionException {
        Throwable f = failure;
        if (f == null) {
            return value;
        }
        if (f instanceof CancellationException c) {
            CancellationException copy = new CancellationException(c.getMessage());
            copy.initCause(c);
            throw copy;
        }
        throw new ExecutionException(f);
    }

    @Override
    public boolean ready() {
        return done.getCount() == 0;
    }

    @Override
    public boolean successful() {
        if (!ready()) {
            throw new IllegalStateException("the result is not ready");
        }
        return failure == null;
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        return done.await(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
    }

    @Override
    public CompletableFuture<T> toCompletableFuture() {
        return future.copy();
    }

    /** A task already sent to a worker cannot be called back; cancel only marks results not yet started. */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (ready()) {
            return false;
        }
        fail(new CancellationException("cancelled"));
        return true;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public boolean isDone() {
        return ready();
    }

    Throwable failureOrNull() {
        return failure;
    }
}
