package dev.mproc.internal.codec;

import dev.mproc.CodecException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * A growable byte array written big-endian. It is an {@link OutputStream} so that the Java serialization
 * fallback can write straight after the tag byte, without a second buffer and copy. Not thread-safe: one
 * instance per {@code encode} call.
 */
final class ByteSink extends OutputStream {

    // Some VMs reserve header words in an array, so the largest safe length is a little under 2^31.
    private static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

    private final String subject;
    private byte[] buf;
    private int size;

    /**
     * @param initialCapacity first buffer size; a good guess avoids regrowing large arrays
     * @param subject the class name of the value being encoded, for the overflow message
     */
    ByteSink(int initialCapacity, String subject) {
        this.buf = new byte[Math.max(16, initialCapacity)];
        this.subject = subject;
    }

    /** Forgets everything written, keeping the buffer for reuse. */
    void reset() {
        size = 0;
    }

    /** Returns an exact-length copy of the bytes written. */
    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    @Override
    public void write(int b) {
        if (size == buf.length) {
            grow(1);
        }
        buf[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        // Same contract as OutputStream: a bad range is the caller's bug, not a codec failure.
        Objects.checkFromIndexSize(off, len, b.length);
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    void writeShort(int v) {
        ensure(2);
        buf[size] = (byte) (v >>> 8);
        buf[size + 1] = (byte) v;
        size += 2;
    }

    void writeInt(int v) {
        ensure(4);
        putInt(v);
    }

    void writeLong(long v) {
        ensure(8);
        putLong(v);
    }

    /** Writes all elements with a single capacity check so large arrays do not pay one per element. */
    void writeInts(int[] a) {
        ensure((long) a.length * 4);
        for (int v : a) {
            putInt(v);
        }
    }

    void writeLongs(long[] a) {
        ensure((long) a.length * 8);
        for (long v : a) {
            putLong(v);
        }
    }

    void writeDoubles(double[] a) {
        ensure((long) a.length * 8);
        for (double v : a) {
            // Raw bits, so NaN payloads survive the trip unchanged.
            putLong(Double.doubleToRawLongBits(v));
        }
    }

    /** Writes an unsigned LEB128 varint: 7 bits a byte, low bits first, high bit set on all but the last. */
    void writeUVarint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    private void putInt(int v) {
        buf[size] = (byte) (v >>> 24);
        buf[size + 1] = (byte) (v >>> 16);
        buf[size + 2] = (byte) (v >>> 8);
        buf[size + 3] = (byte) v;
        size += 4;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    private void ensure(long extra) {
        if (extra > buf.length - size) {
            grow(extra);
        }
    }

    private void grow(long extra) {
        long needed = size + extra;
        if (needed > MAX_LENGTH) {
            throw new CodecException("cannot encode " + subject + ": the encoded form would exceed "
                    + MAX_LENGTH + " bytes");
        }
        // Doubling keeps appends amortised O(1); the cap keeps the doubling itself from overflowing.
        long doubled = Math.min((long) buf.length * 2, MAX_LENGTH);
        buf = Arrays.copyOf(buf, (int) Math.max(needed, doubled));
    }
}
