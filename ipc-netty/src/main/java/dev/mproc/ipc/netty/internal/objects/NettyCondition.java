package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.spi.Timeouts;
import dev.mproc.sync.Condition;
import dev.mproc.sync.Lock;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;

/** The proxy of a {@link ConditionObject}; carries the proxy of its lock. */
final class NettyCondition extends RemoteObject implements Condition {
    private static final long serialVersionUID = 1L;

    private final NettyLockBase lock;

    /**
     * @param ref the condition's handle
     * @param client the owner's client
     * @param lock the condition's lock, owned by the same process
     */
    NettyCondition(Ref ref, ObjectClient client, NettyLockBase lock) {
        super(ref, client);
        this.lock = lock;
    }

    @Override
    public Lock lock() {
        return (Lock) lock;
    }

    @Override
    public void await() throws InterruptedException {
        awaitNanos(Timeouts.FOREVER);
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        return awaitNanos(Timeouts.nanos(timeout));
    }

    private boolean awaitNanos(long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        // No undo: whether signalled, timed out or cancelled, the server answers once the lock is ours again, which
        // is what the caller must have when this returns or throws.
        Response r = client().call(ref.id(), ConditionObject.WAIT, WireTimeouts.args(nanos), null);
        ByteBuffer p = r.payload();
        lock.acquiredByCondition(p.hasRemaining() && p.get(p.position()) != 0);
        return r.ok();
    }

    @Override
    public void signal(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot signal a negative number of waiters: " + n);
        }
        client().callQuick(ref.id(), ConditionObject.SIGNAL, ByteBuffer.allocate(4).putInt(n).array());
    }

    @Override
    public void signalAll() {
        client().callQuick(ref.id(), ConditionObject.SIGNAL_ALL);
    }
}
