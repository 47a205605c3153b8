package dev.mproc.internal.subprocess;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What arrived on one piped output stream of a subprocess and was not consumed yet: the subscriber to the
 * backend's publisher, and the parent's reading side (an {@link InputStream}, or everything at once).
 *
 * <p>Demand is one chunk at a time, renewed after each chunk unless the stream is <i>paced</i> (a consumer
 * streams it) and {@link #PACED_LIMIT} bytes wait unconsumed; {@link #unlimit()} ends pacing for good. So
 * output nobody streams is always read, and a paced stream holds the child back through its full pipe.
 */
final class OutputBuffer implements Flow.Subscriber<ByteBuffer> {

    /** How far reading may run ahead of a consumer that streams the output. */
    static final int PACED_LIMIT = 1 << 20;

    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
    private final InputStream stream = new View();
    // Guarded by lock.
    private Flow.Subscription subscription;
    private long buffered;
    private boolean paced;
    private boolean unlimited;
    private boolean requested;
    private boolean ended;
    private boolean closed;
    private IOException failure;

    /** @param name the stream, for messages ("stdout of [cmd]") */
    OutputBuffer(String name) {
        this.name = name;
    }

    // ---- the backend's side ----------------------------------------------------------------------------------

    @Override
    public void onSubscribe(Flow.Subscription s) {
        lock.lock();
        try {
            if (subscription != null) {
                s.cancel();
                return;
            }
            subscription = s;
        } finally {
            lock.unlock();
        }
        requestIfWanted();
    }

    @Override
    public void onNext(ByteBuffer chunk) {
        lock.lock();
        try {
            requested = false;
            if (closed) {
                return;
            }
            if (chunk.hasRemaining()) {
                chunks.add(chunk);
                buffered += chunk.remaining();
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        requestIfWanted();
    }

    @Override
    public void onError(Throwable t) {
        lock.lock();
        try {
            failure = t instanceof IOException io ? io : new IOException("reading the " + name + " failed: " + t, t);
            ended = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onComplete() {
        lock.lock();
        try {
            ended = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Requests the next chunk if reading should go on; outside the lock, as the publisher may call back. */
    private void requestIfWanted() {
        Flow.Subscription s;
        lock.lock();
        try {
            if (subscription == null || requested || ended || closed || (paced && !unlimited && buffered >= PACED_LIMIT)) {
                return;
            }
            requested = true;
            s = subscription;
        } finally {
            lock.unlock();
        }
        s.request(1);
    }

    // ---- the parent's side -----------------------------------------------------------------------------------

    /** A consumer streams this output from now on: read at most {@link #PACED_LIMIT} ahead of it. */
    InputStream stream() {
        lock.lock();
        try {
            paced = true;
        } finally {
            lock.unlock();
        }
        return stream;
    }

    /** Someone waits for the end: read everything as it comes, whoever consumes it. */
    void unlimit() {
        lock.lock();
        try {
            unlimited = true;
        } finally {
            lock.unlock();
        }
        requestIfWanted();
    }

    /**
     * Waits for end-of-file (or a read error, or {@link #close()}).
     *
     * @param deadline a {@link System#nanoTime()} value, or {@code Long.MAX_VALUE} for none
     * @return whether the stream has ended
     */
    boolean awaitEnd(long deadline) throws InterruptedException {
        lock.lock();
        try {
            while (!ended && !closed) {
                if (deadline == Long.MAX_VALUE) {
                    changed.await();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    changed.awaitNanos(left);
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes everything that arrived and was not consumed.
     *
     * @param requireComplete whether a read error must be reported (else the bytes read before it are returned)
     * @return the bytes, in order
     * @throws IOException if reading failed and {@code requireComplete}
     */
    byte[] takeAll(boolean requireComplete) throws IOException {
        ByteBuffer[] taken;
        lock.lock();
        try {
            if (requireComplete && failure != null) {
                throw new IOException(failure.getMessage(), failure);
            }
            if (buffered > Integer.MAX_VALUE - 8) {
                throw new IOException("the " + name + " holds " + buffered + " bytes, more than one array can hold");
            }
            taken = chunks.toArray(new ByteBuffer[0]);
            chunks.clear();
            buffered = 0;
        } finally {
            lock.unlock();
        }
        requestIfWanted();
        int size = 0;
        for (ByteBuffer b : taken) {
            size += b.remaining();
        }
        byte[] all = new byte[size];
        int at = 0;
        for (ByteBuffer b : taken) {
            int n = b.remaining();
            b.get(all, at, n);
            at += n;
        }
        return all;
    }

    /** Stops reading and drops what was buffered; the backend closes the parent's end of the pipe. */
    void close() {
        Flow.Subscription s;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            chunks.clear();
            buffered = 0;
            changed.signalAll();
            s = subscription;
        } finally {
            lock.unlock();
        }
        if (s != null) {
            s.cancel();
        }
    }

    private int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        lock.lock();
        try {
            while (chunks.isEmpty() && !ended && !closed) {
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading the " + name);
                }
            }
            if (closed) {
                throw new IOException("the " + name + " is closed");
            }
            while (n < len && !chunks.isEmpty()) {
                ByteBuffer head = chunks.peek();
                int k = Math.min(len - n, head.remaining());
                head.get(b, off + n, k);
                n += k;
                if (!head.hasRemaining()) {
                    chunks.poll();
                }
            }
            buffered -= n;
            if (n == 0) {
                if (failure != null) {
                    throw new IOException(failure.getMessage(), failure);
                }
                return -1;
            }
        } finally {
            lock.unlock();
        }
        requestIfWanted();
        return n;
    }

    private int available() {
        lock.lock();
        try {
            return (int) Math.min(Integer.MAX_VALUE, buffered);
        } finally {
            lock.unlock();
        }
    }

    /** The blocking stream a consumer reads the output through. */
    private final class View extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return OutputBuffer.this.read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            return OutputBuffer.this.read(b, off, len);
        }

        @Override
        public int available() {
            return OutputBuffer.this.available();
        }

        @Override
        public void close() {
            OutputBuffer.this.close();
        }
    }

    /** For tests: whether the buffer waits at its limit for a consumer. */
    boolean isHeldBack() {
        lock.lock();
        try {
            return paced && !unlimited && buffered >= PACED_LIMIT;
        } finally {
            lock.unlock();
        }
    }
}
