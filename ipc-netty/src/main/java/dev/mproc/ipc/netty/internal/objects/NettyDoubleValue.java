package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.shared.DoubleValue;

/** The proxy of a {@code double} {@link ValueObject}; the owner stores and compares raw bits. */
final class NettyDoubleValue extends NettyValueBase implements DoubleValue {
    private static final long serialVersionUID = 1L;

    /**
     * @param ref the value's handle
     * @param client the owner's client
     * @param lock the value's lock, or {@code null} for a lock-free value
     */
    NettyDoubleValue(Ref ref, ObjectClient client, NettyRLock lock) {
        super(ref, client, lock);
    }

    @Override
    public double get() {
        return Double.longBitsToDouble(getBits());
    }

    @Override
    public void set(double value) {
        setBits(Double.doubleToRawLongBits(value));
    }

    @Override
    public double getAndSet(double value) {
        return Double.longBitsToDouble(getAndSetBits(Double.doubleToRawLongBits(value)));
    }

    @Override
    public double getAndAdd(double delta) {
        return Double.longBitsToDouble(getAndAddBits(Double.doubleToRawLongBits(delta)));
    }

    @Override
    public boolean compareAndSet(double expected, double newValue) {
        return compareAndSetBits(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(newValue));
    }
}
