package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.shared.LongValue;

/** The proxy of a {@code long} {@link ValueObject}. */
final class NettyLongValue extends NettyValueBase implements LongValue {
    private static final long serialVersionUID = 1L;

    /**
     * @param ref the value's handle
     * @param client the owner's client
     * @param lock the value's lock, or {@code null} for a lock-free value
     */
    NettyLongValue(Ref ref, ObjectClient client, NettyRLock lock) {
        super(ref, client, lock);
    }

    @Override
    public long get() {
        return getBits();
    }

    @Override
    public void set(long value) {
        setBits(value);
    }

    @Override
    public long getAndSet(long value) {
        return getAndSetBits(value);
    }

    @Override
    public long getAndAdd(long delta) {
        return getAndAddBits(delta);
    }

    @Override
    public boolean compareAndSet(long expected, long newValue) {
        return compareAndSetBits(expected, newValue);
    }
}
