package dev.mproc.spi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A helper for spawn-backend authors: a {@link SpawnedProcess#stdout()} or {@link SpawnedProcess#stderr()}
 * publisher over a blocking {@link InputStream} (the parent's end of a child's pipe), read by a thread of its
 * own while the subscriber has demand, as {@link SpawnedProcess} requires: one {@code request} unit is one read
 * of at most {@value #CHUNK} bytes, a fresh buffer each, handed over to the subscriber; {@code onComplete} at
 * end-of-file; {@code onError} with the {@link IOException} of a failed read; {@code cancel} closes the stream.
 * One subscriber; a second one gets {@code onError}. The stream is closed whenever the thread ends.
 *
 * <p>Why a thread: a blocking stream has nothing to select on, and reading two pipes at once — what keeps a
 * child from blocking on the one nobody reads — then takes a thread per pipe. The JDK gives a child's pipes only
 * this way ({@link java.lang.Process#getInputStream()}). The thread is a daemon with a small stack; it starts at
 * {@link #subscribe} and ends at end-of-file, on a read error, or when the subscription is cancelled and its
 * current read returns (closing a stream another thread is reading may not wake that read; for a pipe, the read
 * returns when the child writes or ends).
 */
public final class InputStreamPublisher implements Flow.Publisher<ByteBuffer> {

    /** The most one read takes: as much as a Linux pipe holds by default, so one read empties a full pipe. */
    public static final int CHUNK = 64 * 1024;
    private static final long STACK_BYTES = 256 * 1024;

    private final InputStream in;
    private final String threadName;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    /**
     * @param in the stream to read; this publisher owns it and closes it
     * @param threadName the name of the reading thread, also used in messages (for example
     *     {@code "mproc-subprocess-1234-stdout"})
     */
    public InputStreamPublisher(InputStream in, String threadName) {
        this.in = Objects.requireNonNull(in, "in");
        this.threadName = Objects.requireNonNull(threadName, "threadName");
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IllegalStateException(threadName + " accepts one subscriber"));
            return;
        }
        Reader reader = new Reader(subscriber);
        subscriber.onSubscribe(reader);
        Thread thread = new Thread(null, reader, threadName, STACK_BYTES);
        thread.setDaemon(true);
        thread.start();
    }

    /** The subscription and the reading loop. */
    private final class Reader implements Flow.Subscription, Runnable {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        // Guarded by this.
        private long demand;
        private boolean cancelled;
        private IllegalArgumentException badRequest;

        Reader(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public synchronized void request(long n) {
            if (n <= 0) {
                badRequest = new IllegalArgumentException("request of " + n + " chunks (rule 3.9)");
            } else {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            }
            notifyAll();
        }

        @Override
        public void cancel() {
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                cancelled = true;
                notifyAll();
            }
            closeQuietly();
        }

        @Override
        public void run() {
            try {
                while (true) {
                    IllegalArgumentException refused;
                    synchronized (this) {
                        while (demand == 0 && !cancelled && badRequest == null) {
                            wait();
                        }
                        if (cancelled) {
                            return;
                        }
                        refused = badRequest;
                        cancelled = refused != null;
                    }
                    if (refused != null) {
                        closeQuietly();
                        subscriber.onError(refused);
                        return;
                    }
                    byte[] buffer = new byte[CHUNK];
                    int n;
                    try {
                        n = in.read(buffer);
                    } catch (IOException e) {
                        if (!isCancelled()) {
                            subscriber.onError(e);
                        }
                        closeQuietly();
                        return;
                    }
                    if (n < 0) {
                        closeQuietly();
                        if (!isCancelled()) {
                            subscriber.onComplete();
                        }
                        return;
                    }
                    if (n == 0) {
                        continue;
                    }
                    synchronized (this) {
                        if (cancelled) {
                            return;
                        }
                        demand--;
                    }
                    // A short read keeps only what it needs: lines arrive one small chunk at a time.
                    subscriber.onNext(ByteBuffer.wrap(n < CHUNK / 2 ? Arrays.copyOf(buffer, n) : buffer, 0, n));
                }
            } catch (InterruptedException e) {
                // Nobody interrupts this thread; end as if cancelled.
                closeQuietly();
            }
        }

        private synchronized boolean isCancelled() {
            return cancelled;
        }

        private void closeQuietly() {
            try {
                in.close();
            } catch (IOException e) {
                // Closing the parent's end: nothing to report.
            }
        }
    }
}
