package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.CodecException;
import dev.mproc.internal.codec.DefaultCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a manager's containers ({@link MapObject}, {@link ListObject}) and their proxies share: how arguments and
 * replies are laid out, and when two encoded keys, values or elements are equal.
 *
 * <h2>Frames</h2>
 * Arguments are a sequence of fields: an encoded object is {@code | length (4) | codec bytes |}, an index or a
 * count is a 4-byte int. Every reply is an OK response whose payload starts with a status byte:
 * <pre>
 * | STATUS_OK (0)       | op-specific data                                          |
 * | STATUS_INDEX (1)    | UTF-8 message: an index was out of range                  |
 * | STATUS_CODEC (2)    | UTF-8 message: the owner could not decode a key or value  |
 * | STATUS_ERROR (3)    | UTF-8 message: a key's equals or hashCode threw, or the like |
 * </pre>
 * The op-specific data of a value is {@code | present (1) | codec bytes ... |} (present 0: absent, nothing
 * follows); of a boolean one byte; of a size a 4-byte int. These outcomes travel inside OK responses because
 * the api gives them exception types ({@link IndexOutOfBoundsException}, {@link CodecException}) that the
 * generic error kinds of {@link dev.mproc.ipc.netty.internal.Wire} do not carry.
 *
 * <h2>Equality</h2>
 * Values and elements are stored as the bytes their sender's codec wrote and are decoded at the owner only
 * when an operation needs equality and the bytes alone cannot tell ({@link #sameValue}). Map keys are decoded
 * at the owner, which has the same classes as every process of the tree ({@link #key}).
 */
final class ManagerProtocol {

    /** The codec of keys, values and elements, in every process. */
    static final DefaultCodec CODEC = DefaultCodec.standard();

    /**
     * The largest reply a client reads (the limit {@link Clients} applies): a larger one would cost the client
     * its connection to the owner, and with it every object there, so the owner refuses to send it.
     */
    static final long MAX_REPLY_BYTES = Integer.getInteger("mproc.maxFrameBytes", 256 << 20) - 64L;

    static final byte STATUS_OK = 0;
    static final byte STATUS_INDEX = 1;
    static final byte STATUS_CODEC = 2;
    static final byte STATUS_ERROR = 3;

    // Tags of DefaultCodec's documented wire format. Only one encoding exists for each value of these types,
    // and no value of another type (or of another encoding) can equal one of them, so different bytes mean
    // different values. Float and double bits are left out (Double.equals identifies every NaN), and so are
    // collections (equal hash sets may iterate in different orders) and serialized objects.
    private static final int LAST_FIXED_SCALAR = 0x07; // null, booleans, Byte, Short, Character, Integer, Long
    private static final int TAG_STRING = 0x0A;
    private static final int TAG_LONGS = 0x0D;         // String, byte[], int[], long[] are 0x0A..0x0D
    private static final int TAG_BYTES = 0x0B;
    private static final int TAG_DOUBLES = 0x0E;       // byte[], int[], long[], double[] are 0x0B..0x0E

    private ManagerProtocol() {
    }

    // ---- caller side ----

    /**
     * Encodes a key, value or element in the caller, so that a value that cannot be encoded fails there.
     *
     * @param value the object
     * @param what its role, for the message of a {@link NullPointerException}
     * @return its encoding
     */
    static byte[] encode(Object value, String what) {
        return CODEC.encode(Objects.requireNonNull(value, what));
    }

    /**
     * @param fields encodings
     * @return the argument list holding them in order
     */
    static byte[] args(byte[]... fields) {
        int size = 0;
        for (byte[] f : fields) {
            size += 4 + f.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        for (byte[] f : fields) {
            b.putInt(f.length).put(f);
        }
        return b.array();
    }

    /**
     * @param index an index
     * @param fields encodings
     * @return the argument list: the index, then the encodings
     */
    static byte[] args(int index, byte[]... fields) {
        byte[] rest = args(fields);
        return ByteBuffer.allocate(4 + rest.length).putInt(index).put(rest).array();
    }

    /**
     * @param reply a reply positioned at its status byte
     * @param subject names the container, for messages
     * @return the reply positioned at its op-specific data
     * @throws IndexOutOfBoundsException if the owner found an index out of range
     * @throws CodecException if the owner could not decode a key or value
     * @throws dev.mproc.MprocException if the operation failed otherwise at the owner
     */
    static ByteBuffer checked(ByteBuffer reply, String subject) {
        byte status = reply.get();
        if (status == STATUS_OK) {
            return reply;
        }
        byte[] m = new byte[reply.remaining()];
        reply.get(m);
        String message = new String(m, StandardCharsets.UTF_8);
        switch (status) {
            case STATUS_INDEX -> throw new IndexOutOfBoundsException(message);
            case STATUS_CODEC -> throw new CodecException(subject + ": " + message);
            default -> throw new dev.mproc.MprocException(subject + ": " + message);
        }
    }

    /**
     * @param data a reply's op-specific data holding a value
     * @return the decoded value, or {@code null} if absent
     */
    static Object value(ByteBuffer data) {
        byte[] raw = rawValue(data);
        return raw == null ? null : CODEC.decode(raw);
    }

    /**
     * @param data a reply's op-specific data holding a value
     * @return its encoding, or {@code null} if absent
     */
    static byte[] rawValue(ByteBuffer data) {
        if (data.get() == 0) {
            return null;
        }
        byte[] raw = new byte[data.remaining()];
        data.get(raw);
        return raw;
    }

    // ---- both sides ----

    /**
     * @param args arguments positioned at an encoded field
     * @return the field, copied (the frame is released once the request is handled)
     */
    static byte[] field(ByteBuffer args) {
        int n = args.getInt();
        if (n <= 0 || n > args.remaining()) {
            throw new IllegalArgumentException("an encoded field of " + n + " bytes in " + args.remaining());
        }
        byte[] f = new byte[n];
        args.get(f);
        return f;
    }

    // ---- owner side ----

    /** @return the op-specific data of a reply with nothing to say */
    static byte[] okReply() {
        return new byte[] {STATUS_OK};
    }

    /**
     * @param flag a boolean result
     * @return the reply
     */
    static byte[] boolReply(boolean flag) {
        return new byte[] {STATUS_OK, (byte) (flag ? 1 : 0)};
    }

    /**
     * @param n an int result
     * @return the reply
     */
    static byte[] intReply(int n) {
        return ByteBuffer.allocate(5).put(STATUS_OK).putInt(n).array();
    }

    /**
     * @param encoded a value's encoding, or {@code null} for absent
     * @return the reply
     */
    static byte[] valueReply(byte[] encoded) {
        if (encoded == null) {
            return new byte[] {STATUS_OK, 0};
        }
        return ByteBuffer.allocate(2 + encoded.length).put(STATUS_OK).put((byte) 1).put(encoded).array();
    }

    /**
     * @param status an error status
     * @param message what went wrong
     * @return the reply
     */
    static byte[] errorReply(byte status, String message) {
        byte[] m = (message == null ? "" : message).getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + m.length).put(status).put(m).array();
    }

    /**
     * @param size the size a copy of a whole container would have
     * @param what the container, for the message
     * @throws IllegalStateException if the copy cannot travel in one frame
     */
    static void checkReplySize(long size, String what) {
        if (size > MAX_REPLY_BYTES) {
            throw new IllegalStateException("a copy of the " + what + " would take " + size + " bytes, more than one"
                    + " frame may carry (" + MAX_REPLY_BYTES + ", see mproc.maxFrameBytes)");
        }
    }

    /**
     * A map key as the owner compares it: the decoded object, so that equal keys from any process meet; an
     * array compares by content, through its encoding, since an array's own equals is identity.
     *
     * @param encoded the key's encoding
     * @return the object to use as a {@link java.util.HashMap} key
     * @throws CodecException if the key cannot be decoded here
     */
    static Object key(byte[] encoded) {
        int tag = encoded[0] & 0xFF;
        if (tag >= TAG_BYTES && tag <= TAG_DOUBLES) {
            return new EncodedKey(encoded);
        }
        Object key = CODEC.decode(encoded);
        if (key == null) {
            throw new IllegalArgumentException("a null key");
        }
        return key.getClass().isArray() ? new EncodedKey(encoded) : key;
    }

    /**
     * Whether two encoded values are equal as the api defines it: by {@code equals} of their decoded forms,
     * arrays by content. Equal bytes settle it without decoding; so do different bytes of a type with a single
     * encoding per value; otherwise both are decoded.
     *
     * @param a one encoding
     * @param b another
     * @return whether the values are equal
     * @throws CodecException if a value has to be decoded and cannot be, here
     */
    static boolean sameValue(byte[] a, byte[] b) {
        if (Arrays.equals(a, b)) {
            return true;
        }
        if (uniqueEncoding(a[0]) || uniqueEncoding(b[0])) {
            return false;
        }
        return Objects.deepEquals(CODEC.decode(a), CODEC.decode(b));
    }

    private static boolean uniqueEncoding(byte tag) {
        int t = tag & 0xFF;
        return t <= LAST_FIXED_SCALAR || (t >= TAG_STRING && t <= TAG_LONGS);
    }

    /** A key compared by its encoding. */
    private record EncodedKey(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof EncodedKey k && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "EncodedKey" + Arrays.toString(bytes);
        }
    }
}
