package dev.mproc.internal.pool;

import dev.mproc.CodecException;
import dev.mproc.internal.codec.DefaultCodec;
import dev.mproc.spi.Codec;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * How the items of a chunk, and its results, travel: as one typed block when every item is an {@link Integer},
 * a {@link Long}, a {@link Double} or a {@link String}, as the codec's encoding of an {@link ArrayList} otherwise.
 * A block costs a bounds check and a few bytes per item instead of a codec call per item, and decodes without
 * building an intermediate list: a decoded numeric block is a read-only view that boxes each item when asked.
 *
 * <pre>
 * CODEC    | 0x00 | the codec's encoding of an ArrayList of the items
 * INTS     | 0x01 | count (4) | count × int (4)
 * LONGS    | 0x02 | count (4) | count × long (8)
 * DOUBLES  | 0x03 | count (4) | count × raw IEEE bits (8)
 * STRINGS  | 0x04 | count (4) | count × ( length (4) | UTF-8 )
 * </pre>
 *
 * Numbers are big-endian. A list holding {@code null}, a mix of types, a subclass or a string with an unpaired
 * surrogate (which UTF-8 cannot carry) takes the codec form, so the codec's rules, its deserialization filter
 * included, apply to everything that is not a plain number or string. Decoding checks every count and length
 * against the bytes present and fails with a {@link CodecException} on anything else; the blocks carry no classes,
 * so they deserialize nothing.
 */
final class ItemBlock {

    static final byte CODEC = 0x00;
    static final byte INTS = 0x01;
    static final byte LONGS = 0x02;
    static final byte DOUBLES = 0x03;
    static final byte STRINGS = 0x04;

    /** Form byte and count. */
    static final int BLOCK_HEADER = 1 + 4;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private ItemBlock() {
    }

    /**
     * Encodes {@code items[from, to)}.
     *
     * @param codec the codec for lists that are not a typed block
     * @param items the items
     * @param from the first item's index
     * @param to one past the last item's index
     * @param headroom how many bytes to leave free at the start of the array, for a message header
     * @return {@code headroom} free bytes, then the encoded items
     * @throws CodecException if the items take the codec form and the codec cannot encode one of them
     */
    static byte[] encode(Codec codec, List<?> items, int from, int to, int headroom) {
        int n = to - from;
        if (n > 0) {
            Class<?> type = items.get(from) == null ? null : items.get(from).getClass();
            byte[] block = null;
            if (type == Integer.class) {
                block = encodeInts(items, from, n, headroom);
            } else if (type == Long.class) {
                block = encodeLongs(items, from, n, headroom, false);
            } else if (type == Double.class) {
                block = encodeLongs(items, from, n, headroom, true);
            } else if (type == String.class) {
                block = encodeStrings(items, from, n, headroom);
            }
            if (block != null) {
                return block;
            }
        }
        byte[] encoded = codec.encode(new ArrayList<>(items.subList(from, to)));
        byte[] out = new byte[checkedSize(headroom + 1L + encoded.length)];
        out[headroom] = CODEC;
        System.arraycopy(encoded, 0, out, headroom + 1, encoded.length);
        return out;
    }

    private static byte[] encodeInts(List<?> items, int from, int n, int headroom) {
        byte[] out = new byte[checkedSize(headroom + (long) BLOCK_HEADER + 4L * n)];
        int p = header(out, headroom, INTS, n);
        for (int i = 0; i < n; i++, p += 4) {
            Object item = items.get(from + i);
            if (item == null || item.getClass() != Integer.class) {
                return null;
            }
            INT.set(out, p, ((Integer) item).intValue());
        }
        return out;
    }

    private static byte[] encodeLongs(List<?> items, int from, int n, int headroom, boolean doubles) {
        byte[] out = new byte[checkedSize(headroom + (long) BLOCK_HEADER + 8L * n)];
        int p = header(out, headroom, doubles ? DOUBLES : LONGS, n);
        Class<?> type = doubles ? Double.class : Long.class;
        for (int i = 0; i < n; i++, p += 8) {
            Object item = items.get(from + i);
            if (item == null || item.getClass() != type) {
                return null;
            }
            LONG.set(out, p, doubles ? Double.doubleToRawLongBits((Double) item) : ((Long) item).longValue());
        }
        return out;
    }

    private static byte[] encodeStrings(List<?> items, int from, int n, int headroom) {
        byte[][] utf8 = new byte[n][];
        long size = headroom + (long) BLOCK_HEADER + 4L * n;
        for (int i = 0; i < n; i++) {
            Object item = items.get(from + i);
            if (item == null || item.getClass() != String.class || !DefaultCodec.utf8Exact((String) item)) {
                return null;
            }
            utf8[i] = ((String) item).getBytes(StandardCharsets.UTF_8);
            size += utf8[i].length;
        }
        byte[] out = new byte[checkedSize(size)];
        int p = header(out, headroom, STRINGS, n);
        for (byte[] s : utf8) {
            INT.set(out, p, s.length);
            System.arraycopy(s, 0, out, p + 4, s.length);
            p += 4 + s.length;
        }
        return out;
    }

    private static int header(byte[] out, int at, byte form, int count) {
        out[at] = form;
        INT.set(out, at + 1, count);
        return at + BLOCK_HEADER;
    }

    private static int checkedSize(long size) {
        if (size > MAX_ARRAY) {
            throw new CodecException("cannot encode a chunk of " + size + " bytes: split the work into smaller"
                    + " chunks");
        }
        return (int) size;
    }

    /**
     * Decodes what {@link #encode} wrote.
     *
     * @param codec the codec of the codec form
     * @param data the bytes
     * @param offset where the encoded items start
     * @param length how many bytes they take
     * @return the items, in order; a read-only list for a typed block
     * @throws CodecException if the data is not a well-formed item list
     */
    static List<?> decode(Codec codec, byte[] data, int offset, int length) {
        if (offset < 0 || length < 1 || length > data.length - offset) {
            throw new CodecException("cannot decode an item list: " + Math.max(0, length) + " bytes");
        }
        byte form = data[offset];
        if (form == CODEC) {
            Object decoded = codec.decode(data, offset + 1, length - 1);
            if (!(decoded instanceof List)) {
                throw new CodecException("cannot decode an item list: the codec form holds a "
                        + (decoded == null ? "null" : decoded.getClass().getName()) + ", not a list");
            }
            return (List<?>) decoded;
        }
        if (length < BLOCK_HEADER) {
            throw new CodecException("cannot decode an item list: truncated block header (" + length + " bytes)");
        }
        int count = (int) INT.get(data, offset + 1);
        int start = offset + BLOCK_HEADER;
        long body = length - BLOCK_HEADER;
        switch (form) {
            case INTS:
                requireExact(count, 4, body, "int");
                return new IntView(data, start, count);
            case LONGS:
                requireExact(count, 8, body, "long");
                return new LongView(data, start, count, false);
            case DOUBLES:
                requireExact(count, 8, body, "double");
                return new LongView(data, start, count, true);
            case STRINGS:
                return decodeStrings(data, start, count, offset + length);
            default:
                throw new CodecException("cannot decode an item list: unknown form 0x"
                        + Integer.toHexString(form & 0xFF));
        }
    }

    private static void requireExact(int count, int width, long body, String what) {
        if (count < 0 || (long) count * width != body) {
            throw new CodecException("cannot decode an item list: a block of " + count + " " + what + "s needs "
                    + ((long) count * width) + " bytes, but " + body + " follow its header");
        }
    }

    private static List<String> decodeStrings(byte[] data, int start, int count, int end) {
        // Each string takes at least its 4-byte length: a count the data cannot hold is refused before allocating.
        if (count < 0 || (long) count * 4 > end - start) {
            throw new CodecException("cannot decode an item list: " + count + " strings cannot fit in "
                    + (end - start) + " bytes");
        }
        String[] strings = new String[count];
        int p = start;
        for (int i = 0; i < count; i++) {
            if (end - p < 4) {
                throw new CodecException("cannot decode an item list: truncated at string " + i);
            }
            int len = (int) INT.get(data, p);
            p += 4;
            if (len < 0 || len > end - p) {
                throw new CodecException("cannot decode an item list: string " + i + " claims " + len
                        + " bytes, " + (end - p) + " remain");
            }
            strings[i] = new String(data, p, len, StandardCharsets.UTF_8);
            p += len;
        }
        if (p != end) {
            throw new CodecException("cannot decode an item list: " + (end - p) + " unexpected bytes after "
                    + count + " strings");
        }
        return Arrays.asList(strings);
    }

    /** A decoded block of ints, boxed on each read. */
    private static final class IntView extends AbstractList<Object> implements RandomAccess {
        private final byte[] data;
        private final int start;
        private final int size;

        IntView(byte[] data, int start, int size) {
            this.data = data;
            this.start = start;
            this.size = size;
        }

        @Override
        public Object get(int index) {
            return (int) INT.get(data, start + 4 * Objects.checkIndex(index, size));
        }

        @Override
        public int size() {
            return size;
        }
    }

    /** A decoded block of longs or doubles, boxed on each read. */
    private static final class LongView extends AbstractList<Object> implements RandomAccess {
        private final byte[] data;
        private final int start;
        private final int size;
        private final boolean doubles;

        LongView(byte[] data, int start, int size, boolean doubles) {
            this.data = data;
            this.start = start;
            this.size = size;
            this.doubles = doubles;
        }

        @Override
        public Object get(int index) {
            long bits = (long) LONG.get(data, start + 8 * Objects.checkIndex(index, size));
            return doubles ? (Object) Double.longBitsToDouble(bits) : (Object) bits;
        }

        @Override
        public int size() {
            return size;
        }
    }
}
