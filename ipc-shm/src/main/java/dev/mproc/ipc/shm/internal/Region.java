package dev.mproc.ipc.shm.internal;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;

/**
 * A window of mapped shared memory with the atomic accesses the structures of this backend are built from.
 * Offsets are relative to the window's start. Atomic accesses go through a byte-buffer view {@link VarHandle}
 * in native byte order, which demands absolute alignment (4 bytes for an {@code int}, 8 for a {@code long}) and
 * throws {@link IllegalStateException} otherwise; every structure lays its words out on such boundaries, and
 * windows start on 64-byte boundaries.
 *
 * <p>The window holds its {@link MappedByteBuffer} for as long as it is reachable: the native {@link #address
 * addresses} handed to {@link Futex} are valid only while the mapping is (SHM-NOTES, pitfall 6). Thread-safe:
 * the accessors carry no position.
 */
public final class Region {

    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG =
            MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final MappedByteBuffer mapping;
    private final ByteBuffer buffer;
    private final long address;
    private final int size;

    Region(MappedByteBuffer mapping, int offset, int size) {
        this.mapping = mapping;
        this.buffer = mapping.slice(offset, size).order(ByteOrder.nativeOrder());
        this.address = Pointer.nativeValue(Native.getDirectBufferPointer(mapping)) + offset;
        this.size = size;
    }

    /** @return the window's size in bytes */
    public int size() {
        return size;
    }

    /**
     * @param offset an offset in the window
     * @return the address of that byte in this process, for {@link Futex}
     */
    public long address(int offset) {
        return address + offset;
    }

    /** @return a new view of the whole window, native byte order, for bulk copies; position 0 */
    public ByteBuffer view() {
        return buffer.duplicate().order(ByteOrder.nativeOrder());
    }

    /** @return the mapping, kept reachable by whoever keeps this region */
    MappedByteBuffer mapping() {
        return mapping;
    }

    public int getInt(int offset) {
        return (int) INT.get(buffer, offset);
    }

    public void setInt(int offset, int value) {
        INT.set(buffer, offset, value);
    }

    public int getIntVolatile(int offset) {
        return (int) INT.getVolatile(buffer, offset);
    }

    public int getIntAcquire(int offset) {
        return (int) INT.getAcquire(buffer, offset);
    }

    public void setIntVolatile(int offset, int value) {
        INT.setVolatile(buffer, offset, value);
    }

    public void setIntRelease(int offset, int value) {
        INT.setRelease(buffer, offset, value);
    }

    public boolean compareAndSetInt(int offset, int expected, int value) {
        return INT.compareAndSet(buffer, offset, expected, value);
    }

    public int compareAndExchangeInt(int offset, int expected, int value) {
        return (int) INT.compareAndExchange(buffer, offset, expected, value);
    }

    public int getAndAddInt(int offset, int delta) {
        return (int) INT.getAndAdd(buffer, offset, delta);
    }

    public int getAndSetInt(int offset, int value) {
        return (int) INT.getAndSet(buffer, offset, value);
    }

    public long getLong(int offset) {
        return (long) LONG.get(buffer, offset);
    }

    public void setLong(int offset, long value) {
        LONG.set(buffer, offset, value);
    }

    public long getLongVolatile(int offset) {
        return (long) LONG.getVolatile(buffer, offset);
    }

    public long getLongAcquire(int offset) {
        return (long) LONG.getAcquire(buffer, offset);
    }

    public void setLongVolatile(int offset, long value) {
        LONG.setVolatile(buffer, offset, value);
    }

    public void setLongRelease(int offset, long value) {
        LONG.setRelease(buffer, offset, value);
    }

    public boolean compareAndSetLong(int offset, long expected, long value) {
        return LONG.compareAndSet(buffer, offset, expected, value);
    }

    public long getAndAddLong(int offset, long delta) {
        return (long) LONG.getAndAdd(buffer, offset, delta);
    }

    public long getAndSetLong(int offset, long value) {
        return (long) LONG.getAndSet(buffer, offset, value);
    }

    /** Copies bytes into the window with plain writes. */
    public void put(int offset, byte[] src, int from, int length) {
        buffer.put(offset, src, from, length);
    }

    /** Copies bytes out of the window with plain reads. */
    public void get(int offset, byte[] dst, int to, int length) {
        buffer.get(offset, dst, to, length);
    }
}
