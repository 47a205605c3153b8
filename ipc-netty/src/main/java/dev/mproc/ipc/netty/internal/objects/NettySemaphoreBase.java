package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.spi.Timeouts;
import dev.mproc.spi.ReleaseOnceHold;
import dev.mproc.sync.Held;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;

/** What the proxies of a {@link SemaphoreObject}, {@link NettySemaphore} and {@link NettyBoundedSemaphore}, share. */
abstract class NettySemaphoreBase extends RemoteObject {
    private static final long serialVersionUID = 1L;

    private transient volatile NettyOwnerDeath deaths;

    /**
     * @param ref the semaphore's handle
     * @param client the owner's client
     */
    NettySemaphoreBase(Ref ref, ObjectClient client) {
        super(ref, client);
    }

    public final void acquire() throws InterruptedException {
        acquireNanos(Timeouts.FOREVER, false);
    }

    public final boolean acquire(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        return acquireNanos(Timeouts.nanos(timeout), false);
    }

    public final boolean tryAcquire() {
        return granted(client().callQuick(ref.id(), SemaphoreObject.ACQUIRE, acquireArgs(0, false)));
    }

    public final Held hold() throws InterruptedException {
        acquireNanos(Timeouts.FOREVER, true);
        return new ReleaseOnceHold(() -> release(1, true), null);
    }

    private boolean acquireNanos(long nanos, boolean hold) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        // A permit granted after the caller was interrupted goes back, so that an interrupted acquire takes none.
        return granted(client().call(ref.id(), SemaphoreObject.ACQUIRE, acquireArgs(nanos, hold),
                late -> release(1, hold)));
    }

    private static byte[] acquireArgs(long nanos, boolean hold) {
        return ByteBuffer.allocate(9).putLong(nanos).put((byte) (hold ? 1 : 0)).array();
    }

    private boolean granted(Response r) {
        if (!r.ok()) {
            return false;
        }
        deaths().acquired(r.payload().get(r.payload().position()) != 0);
        return true;
    }

    public final void release() {
        release(1, false);
    }

    public final void release(int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits to release must be at least 1, not " + permits);
        }
        release(permits, false);
    }

    private void release(int permits, boolean hold) {
        client().callQuick(ref.id(), SemaphoreObject.RELEASE,
                ByteBuffer.allocate(5).putInt(permits).put((byte) (hold ? 1 : 0)).array());
    }

    public final int availablePermits() {
        ByteBuffer p = client().callQuick(ref.id(), SemaphoreObject.AVAILABLE).payload();
        return p.getInt(p.position());
    }

    public final boolean lastOwnerDied() {
        return deaths().lastOwnerDied();
    }

    private NettyOwnerDeath deaths() {
        NettyOwnerDeath d = deaths;
        if (d == null) {
            synchronized (this) {
                d = deaths;
                if (d == null) {
                    d = new NettyOwnerDeath();
                    deaths = d;
                }
            }
        }
        return d;
    }
}
