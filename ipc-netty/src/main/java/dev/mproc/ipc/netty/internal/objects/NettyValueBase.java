package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.sync.RLock;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * What the proxies of a {@link ValueObject} share: the operations on the value's 64 bits. The lock, if any, is
 * taken by the owner around each operation (a waiting operation is parked there, uninterruptibly, as the api
 * asks), so every call is one round trip.
 */
abstract class NettyValueBase extends RemoteObject {
    private static final long serialVersionUID = 1L;

    private final NettyRLock lock;

    /**
     * @param ref the value's handle
     * @param client the owner's client
     * @param lock the value's lock, or {@code null} for a lock-free value
     */
    NettyValueBase(Ref ref, ObjectClient client, NettyRLock lock) {
        super(ref, client);
        this.lock = lock;
    }

    final long getBits() {
        return call(ValueObject.GET, noArgs());
    }

    final void setBits(long bits) {
        client().callQuick(ref.id(), ValueObject.SET, ByteBuffer.allocate(8).putLong(bits).array());
    }

    final long getAndSetBits(long bits) {
        return call(ValueObject.GET_AND_SET, ByteBuffer.allocate(8).putLong(bits).array());
    }

    final long getAndAddBits(long delta) {
        return call(ValueObject.GET_AND_ADD, ByteBuffer.allocate(8).putLong(delta).array());
    }

    final boolean compareAndSetBits(long expected, long next) {
        ByteBuffer p = client().callQuick(ref.id(), ValueObject.COMPARE_AND_SET,
                ByteBuffer.allocate(16).putLong(expected).putLong(next).array()).payload();
        return p.get(p.position()) != 0;
    }

    private long call(byte op, byte[] args) {
        ByteBuffer p = client().callQuick(ref.id(), op, args).payload();
        return p.getLong(p.position());
    }

    public final Optional<RLock> lock() {
        return Optional.ofNullable(lock);
    }
}
