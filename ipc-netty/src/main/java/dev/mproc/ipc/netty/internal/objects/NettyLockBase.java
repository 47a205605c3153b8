package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.spi.Timeouts;
import dev.mproc.spi.ReleaseOnceHold;
import dev.mproc.sync.Held;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;

/** What the proxies of a {@link LockObject}, {@link NettyLock} and {@link NettyRLock}, share. */
abstract class NettyLockBase extends RemoteObject {
    private static final long serialVersionUID = 1L;

    private transient volatile NettyOwnerDeath deaths;

    /**
     * @param ref the lock's handle
     * @param client the owner's client
     */
    NettyLockBase(Ref ref, ObjectClient client) {
        super(ref, client);
    }

    public final void acquire() throws InterruptedException {
        acquireNanos(Timeouts.FOREVER);
    }

    public final boolean acquire(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        return acquireNanos(Timeouts.nanos(timeout));
    }

    private boolean acquireNanos(long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        // A grant that crossed the interruption is given back, so that an interrupted acquire never leaks the lock.
        return granted(client().call(ref.id(), LockObject.ACQUIRE, WireTimeouts.args(nanos), late -> release()));
    }

    public final boolean tryAcquire() {
        return granted(client().callQuick(ref.id(), LockObject.ACQUIRE, WireTimeouts.args(0)));
    }

    private boolean granted(Response r) {
        if (!r.ok()) {
            return false;
        }
        ByteBuffer p = r.payload();
        boolean died = p.get(p.position()) != 0;
        boolean reentered = p.get(p.position() + 1) != 0;
        if (!reentered) {
            deaths().acquired(died);
        }
        return true;
    }

    public final void release() {
        client().callQuick(ref.id(), LockObject.RELEASE);
    }

    public final Held hold() throws InterruptedException {
        acquire();
        return new ReleaseOnceHold(this::release, holdOwner());
    }

    /** @return the only thread that may close a hold just obtained, or {@code null} if any may */
    abstract Thread holdOwner();

    public final boolean isLocked() {
        ByteBuffer p = client().callQuick(ref.id(), LockObject.IS_LOCKED).payload();
        return p.get(p.position()) != 0;
    }

    public final boolean lastOwnerDied() {
        return deaths().lastOwnerDied();
    }

    /**
     * Records an acquisition made on this lock's behalf by a condition wait.
     *
     * @param died whether it recovered the hold of a dead process
     */
    final void acquiredByCondition(boolean died) {
        deaths().acquired(died);
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
