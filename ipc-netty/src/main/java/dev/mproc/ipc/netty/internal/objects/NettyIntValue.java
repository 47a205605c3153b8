package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.shared.IntValue;

/** The proxy of an {@code int} {@link ValueObject}. */
final class NettyIntValue extends NettyValueBase implements IntValue {
    private static final long serialVersionUID = 1L;

    /**
     * @param ref the value's handle
     * @param client the owner's client
     * @param lock the value's lock, or {@code null} for a lock-free value
     */
    NettyIntValue(Ref ref, ObjectClient client, NettyRLock lock) {
        super(ref, client, lock);
    }

    @Override
    public int get() {
        return (int) getBits();
    }

    @Override
    public void set(int value) {
        setBits(value);
    }

    @Override
    public int getAndSet(int value) {
        return (int) getAndSetBits(value);
    }

    @Override
    public int getAndAdd(int delta) {
        return (int) getAndAddBits(delta);
    }

    @Override
    public boolean compareAndSet(int expected, int newValue) {
        return compareAndSetBits(expected, newValue);
    }
}
