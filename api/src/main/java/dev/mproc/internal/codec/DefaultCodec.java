package dev.mproc.internal.codec;

import dev.mproc.CodecException;
import dev.mproc.spi.Codec;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;

/**
 * The codec mproc uses unless configured otherwise. Thread-safe and stateless apart from its limits, so
 * one instance can serve every connection.
 *
 * <p><b>Compact form.</b> {@code null}, the boxed primitives, {@link String}, {@code byte[]},
 * {@code int[]}, {@code long[]}, {@code double[]}, and {@link ArrayList}, {@link HashMap},
 * {@link LinkedHashMap}, {@link HashSet} and {@link LinkedHashSet} holding only such values are written
 * in a small tagged binary form without Java serialization. Lists decode as {@link ArrayList}, maps as
 * {@link LinkedHashMap} and sets as {@link LinkedHashSet}, in the sender's iteration order. Only those
 * exact collection classes qualify: a subclass, a sorted or immutable collection would come back as a
 * different type, so it takes the fallback instead. A {@link LinkedHashMap} in access order comes back
 * in insertion order.
 *
 * <p><b>Fallback.</b> Any other value, including a collection with a single element outside the compact
 * form, or a collection graph that shares or contains itself (the compact form has no references), is
 * written with Java serialization as a whole. Decoding it goes through an {@link java.io.ObjectInputFilter}
 * bounding depth, array length, object references and stream size, plus an optional pattern in
 * {@link java.io.ObjectInputFilter.Config#createFilter(String)} syntax; classes are resolved with the
 * thread context class loader, or this class's loader when there is none. Serializable lambdas work:
 * they travel as {@link java.lang.invoke.SerializedLambda}, which the limits alone do not reject (an
 * allow-list pattern must name it and the capturing class).
 *
 * <p><b>Wire format.</b> The first byte is a tag; "uvarint" is an unsigned LEB128 varint and "zigzag" a
 * zigzag-encoded varint; fixed-width numbers are big-endian.
 * <pre>
 * 0x00 null                    0x0A String: uvarint byte length, UTF-8
 * 0x01 false                   0x0B byte[]: uvarint length, bytes
 * 0x02 true                    0x0C int[]: uvarint length, 4 bytes each
 * 0x03 Byte: 1 byte            0x0D long[]: uvarint length, 8 bytes each
 * 0x04 Short: 2 bytes          0x0E double[]: uvarint length, raw IEEE bits, 8 bytes each
 * 0x05 Character: 2 bytes      0x0F list: uvarint count, values
 * 0x06 Integer: zigzag         0x10 map: uvarint count, key and value alternating
 * 0x07 Long: zigzag            0x11 set: uvarint count, values
 * 0x08 Float: raw IEEE bits    0x12 Java serialization stream (only as the first byte)
 * 0x09 Double: raw IEEE bits
 * </pre>
 * Strings containing an unpaired surrogate, which UTF-8 cannot carry, take the fallback.
 */
public final class DefaultCodec implements Codec {

    /** Default limit on the nesting depth of collections and of serialized objects. */
    public static final long DEFAULT_MAX_DEPTH = 1_000;
    /** Default limit on the length of an array in a serialized stream. */
    public static final long DEFAULT_MAX_ARRAY_LENGTH = 100_000_000;
    /** Default limit on the number of objects and references in a serialized stream. */
    public static final long DEFAULT_MAX_REFERENCES = 10_000_000;
    /** Default limit on the size of a serialized stream, in bytes (1 GiB). */
    public static final long DEFAULT_MAX_STREAM_BYTES = 1L << 30;

    static final int TAG_NULL = 0x00;
    static final int TAG_FALSE = 0x01;
    static final int TAG_TRUE = 0x02;
    static final int TAG_BYTE = 0x03;
    static final int TAG_SHORT = 0x04;
    static final int TAG_CHAR = 0x05;
    static final int TAG_INT = 0x06;
    static final int TAG_LONG = 0x07;
    static final int TAG_FLOAT = 0x08;
    static final int TAG_DOUBLE = 0x09;
    static final int TAG_STRING = 0x0A;
    static final int TAG_BYTES = 0x0B;
    static final int TAG_INTS = 0x0C;
    static final int TAG_LONGS = 0x0D;
    static final int TAG_DOUBLES = 0x0E;
    static final int TAG_LIST = 0x0F;
    static final int TAG_MAP = 0x10;
    static final int TAG_SET = 0x11;
    static final int TAG_JAVA = 0x12;
    static final int TAG_LAMBDA = 0x13;

    private static final DefaultCodec STANDARD = new DefaultCodec();

    private final SerialFilter filter;

    /** Creates a codec with the default limits and no pattern. */
    public DefaultCodec() {
        this(DEFAULT_MAX_DEPTH, DEFAULT_MAX_ARRAY_LENGTH, DEFAULT_MAX_REFERENCES, DEFAULT_MAX_STREAM_BYTES, null);
    }

    /**
     * Creates a codec with the given decoding limits.
     *
     * @param maxDepth deepest allowed nesting, for compact collections and serialized objects alike
     * @param maxArrayLength longest array allowed in a serialized stream
     * @param maxReferences most objects and back references allowed in a serialized stream
     * @param maxStreamBytes largest serialized stream allowed, in bytes
     * @param pattern extra rules in {@link java.io.ObjectInputFilter.Config#createFilter(String)} syntax,
     *     applied to serialized streams before the limits let a class through; {@code null} or blank for none
     * @throws IllegalArgumentException if a limit is not positive or the pattern is malformed
     */
    public DefaultCodec(long maxDepth, long maxArrayLength, long maxReferences, long maxStreamBytes, String pattern) {
        this.filter = new SerialFilter(maxDepth, maxArrayLength, maxReferences, maxStreamBytes, pattern);
    }

    /**
     * Returns a shared codec with the default limits.
     *
     * @return the shared instance
     */
    public static DefaultCodec standard() {
        return STANDARD;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Values in the compact form never touch Java serialization; anything else is serialized whole.
     *
     * @throws CodecException if the value is not in the compact form and it, or an object it reaches
     *     (a field, a lambda's captured argument), is not serializable; the message names both the value's
     *     class and the innermost class that failed
     */
    @Override
    public byte[] encode(Object value) {
        if (value != null && value.getClass() == Integer.class) {
            // The commonest small message, written straight into an array of its exact size: the same bytes as
            // the compact writer's, without its buffer, copy and writer objects.
            return encodeInt((Integer) value);
        }
        String subject = className(value);
        ByteSink out = new ByteSink(sizeHint(value), subject);
        try {
            if (new CompactWriter(out, filter.maxDepth()).write(value, 1)) {
                return out.toByteArray();
            }
        } catch (ConcurrentModificationException e) {
            throw new CodecException("cannot encode " + subject + ": a collection was modified while it was"
                    + " being encoded", e);
        } catch (StackOverflowError e) {
            // Only reachable with a maxDepth configured beyond what this thread's stack can hold.
            throw new CodecException("cannot encode " + subject + ": collections are nested too deeply for this"
                    + " thread's stack", e);
        }
        out.reset();
        java.lang.invoke.SerializedLambda lambda = filter.hasPattern() ? null : Lambdas.serializedForm(value);
        if (lambda != null) {
            writeLambda(lambda, subject, out);
            return out.toByteArray();
        }
        out.write(TAG_JAVA);
        writeJava(value, subject, out);
        return out.toByteArray();
    }

    /**
     * A lambda as its {@link java.lang.invoke.SerializedLambda}: {@code TAG_LAMBDA}, nine strings and an int, then
     * the captured arguments, each a length-prefixed value of this codec.
     */
    private void writeLambda(java.lang.invoke.SerializedLambda l, String subject, ByteSink out) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(256);
        try (java.io.DataOutputStream d = new java.io.DataOutputStream(bytes)) {
            d.writeUTF(l.getCapturingClass());
            d.writeUTF(l.getFunctionalInterfaceClass());
            d.writeUTF(l.getFunctionalInterfaceMethodName());
            d.writeUTF(l.getFunctionalInterfaceMethodSignature());
            d.writeInt(l.getImplMethodKind());
            d.writeUTF(l.getImplClass());
            d.writeUTF(l.getImplMethodName());
            d.writeUTF(l.getImplMethodSignature());
            d.writeUTF(l.getInstantiatedMethodType());
            d.writeInt(l.getCapturedArgCount());
            for (int i = 0; i < l.getCapturedArgCount(); i++) {
                byte[] arg;
                try {
                    arg = encode(l.getCapturedArg(i));
                } catch (CodecException e) {
                    throw new CodecException("cannot encode " + subject + ": its captured argument " + i + " "
                            + e.getMessage().replaceFirst("^cannot encode ", ""), e);
                }
                d.writeInt(arg.length);
                d.write(arg);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        out.write(TAG_LAMBDA);
        byte[] body = bytes.toByteArray();
        out.write(body, 0, body.length);
    }

    private Object readLambda(byte[] data, int offset, int length) {
        try (java.io.DataInputStream d = new java.io.DataInputStream(new ByteArrayInputStream(data, offset, length))) {
            String capturing = d.readUTF();
            String fiClass = d.readUTF();
            String fiMethod = d.readUTF();
            String fiSignature = d.readUTF();
            int implKind = d.readInt();
            String implClass = d.readUTF();
            String implMethod = d.readUTF();
            String implSignature = d.readUTF();
            String instantiated = d.readUTF();
            int count = d.readInt();
            if (count < 0 || count > 255) {
                throw new CodecException("cannot decode: a lambda with " + count + " captured arguments");
            }
            Object[] captured = new Object[count];
            for (int i = 0; i < count; i++) {
                int len = d.readInt();
                if (len < 0 || len > d.available()) {
                    throw new CodecException("cannot decode: truncated lambda argument " + i);
                }
                byte[] arg = new byte[len];
                d.readFully(arg);
                captured[i] = decode(arg, 0, len);
            }
            if (d.available() != 0) {
                throw new CodecException("cannot decode: " + d.available() + " unexpected bytes after a lambda");
            }
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            ClassLoader loader = context != null ? context : DefaultCodec.class.getClassLoader();
            Class<?> capturingClass;
            try {
                capturingClass = Class.forName(capturing.replace('/', '.'), false, loader);
            } catch (ClassNotFoundException e) {
                throw new CodecException("cannot decode: class " + capturing.replace('/', '.')
                        + " not found by class loader " + loader, e);
            }
            return Lambdas.resolve(capturingClass, new java.lang.invoke.SerializedLambda(capturingClass, fiClass,
                    fiMethod, fiSignature, implKind, implClass, implMethod, implSignature, instantiated, captured));
        } catch (java.io.EOFException e) {
            throw new CodecException("cannot decode: truncated lambda", e);
        } catch (java.io.IOException e) {
            throw new CodecException("cannot decode: malformed lambda: " + e, e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IndexOutOfBoundsException if {@code offset} and {@code length} do not lie within {@code data}
     *     (a caller bug, so not a {@link CodecException})
     */
    @Override
    public Object decode(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        if (length == 0) {
            throw new CodecException("cannot decode: no data (0 bytes)");
        }
        try {
            if ((data[offset] & 0xFF) == TAG_JAVA) {
                return readJava(data, offset + 1, length - 1);
            }
            if ((data[offset] & 0xFF) == TAG_LAMBDA) {
                return readLambda(data, offset + 1, length - 1);
            }
            if (data[offset] == TAG_INT && length <= 6) {
                Integer i = decodeInt(data, offset, length);
                if (i != null) {
                    return i;
                }
            }
            Reader in = new Reader(data, offset, offset + length, filter.maxDepth());
            Object value = in.read(1);
            if (in.pos != in.end) {
                throw new CodecException("cannot decode: " + (in.end - in.pos) + " unexpected bytes after the value,"
                        + " at offset " + (in.pos - offset));
            }
            return value;
        } catch (CodecException e) {
            throw e;
        } catch (RuntimeException e) {
            // A readObject or record constructor of a decoded class can throw anything; callers are promised
            // CodecException only.
            throw new CodecException("cannot decode: " + e, e);
        } catch (StackOverflowError e) {
            throw new CodecException("cannot decode: the data is nested too deeply for this thread's stack", e);
        }
    }

    @Override
    public String toString() {
        return "DefaultCodec[" + filter + "]";
    }

    /** An Integer's compact form, TAG_INT and the zigzag uvarint, as {@link CompactWriter} writes it. */
    private static byte[] encodeInt(int v) {
        long z = ((v << 1) ^ (v >> 31)) & 0xFFFF_FFFFL;
        int groups = z == 0 ? 1 : (64 - Long.numberOfLeadingZeros(z) + 6) / 7;
        byte[] b = new byte[1 + groups];
        b[0] = TAG_INT;
        for (int i = 1; i < groups; i++) {
            b[i] = (byte) ((z & 0x7F) | 0x80);
            z >>>= 7;
        }
        b[groups] = (byte) z;
        return b;
    }

    /**
     * Decodes a well-formed TAG_INT message of {@code length} bytes, at most 6; anything else (a truncated,
     * overlong or trailing varint) returns {@code null}, and the general reader reports it.
     */
    private static Integer decodeInt(byte[] data, int offset, int length) {
        long value = 0;
        int end = offset + length;
        for (int i = offset + 1, shift = 0; i < end; i++, shift += 7) {
            int b = data[i] & 0xFF;
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (i != end - 1 || value > 0xFFFF_FFFFL) {
                    return null;
                }
                int raw = (int) value;
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        return null;
    }

    private static String className(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

    // Avoids regrowing (and recopying) the buffer for the one case that is routinely large.
    private static int sizeHint(Object value) {
        if (value instanceof byte[]) {
            return (int) Math.min(((byte[]) value).length + 16L, Integer.MAX_VALUE - 8);
        }
        return 128;
    }

    private static void writeJava(Object value, String subject, ByteSink out) {
        try (ObjectOutputStream oos = new ObjectOutputStream(out)) {
            oos.writeObject(value);
        } catch (NotSerializableException e) {
            throw new CodecException(notSerializable(subject, e), e);
        } catch (IOException e) {
            throw new CodecException("cannot encode " + subject + ": " + e, e);
        } catch (CodecException e) {
            throw e;
        } catch (RuntimeException e) {
            // Thrown by a writeObject or writeReplace method of the value or of something it reaches.
            throw new CodecException("cannot encode " + subject + ": " + e, e);
        } catch (StackOverflowError e) {
            throw new CodecException("cannot encode " + subject + ": the object graph is nested too deeply"
                    + " for Java serialization", e);
        }
    }

    private static String notSerializable(String subject, NotSerializableException e) {
        // The message is the class name, followed by a field trace when extendedDebugInfo is on.
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        String offender = newline < 0 ? message : message.substring(0, newline);
        String why = offender.contains("$$Lambda")
                ? "a lambda is serializable only if its target interface extends java.io.Serializable"
                : "it does not implement java.io.Serializable";
        return "cannot encode " + subject + ": class " + offender + " is not serializable (" + why + ")";
    }

    private Object readJava(byte[] data, int offset, int length) {
        if (length > filter.maxStreamBytes()) {
            throw new CodecException("cannot decode: rejected by the deserialization filter: stream bytes "
                    + length + " exceed maxStreamBytes " + filter.maxStreamBytes());
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader loader = context != null ? context : DefaultCodec.class.getClassLoader();
        SerialFilter.Session session = filter.newSession(length);
        try (CodecObjectInputStream in = new CodecObjectInputStream(
                new ByteArrayInputStream(data, offset, length), loader)) {
            in.setObjectInputFilter(session);
            return in.readObject();
        } catch (ClassNotFoundException e) {
            throw new CodecException("cannot decode: class " + e.getMessage() + " not found by class loader "
                    + loader, e);
        } catch (EOFException e) {
            throw rejectedOr(session, "cannot decode: truncated serialized data", e);
        } catch (IOException e) {
            throw rejectedOr(session, "cannot decode: malformed serialized data: " + e, e);
        } catch (RuntimeException e) {
            throw rejectedOr(session, "cannot decode: " + e, e);
        }
    }

    // The filter's rejection surfaces as whatever exception the stream (or a readObject method catching and
    // rethrowing) produced, so the recorded reason takes precedence over the exception's own message.
    private static CodecException rejectedOr(SerialFilter.Session session, String otherwise, Throwable cause) {
        String rejection = session.rejection();
        if (rejection != null) {
            return new CodecException("cannot decode: rejected by the deserialization filter: " + rejection, cause);
        }
        return new CodecException(otherwise, cause);
    }

    /** Writes the compact form, or reports that the value needs the fallback. One instance per call. */
    private static final class CompactWriter {
        private final ByteSink out;
        private final long maxDepth;
        // Collections already written: a repeat means sharing or a cycle, which only the fallback keeps.
        private IdentityHashMap<Object, Boolean> seen;

        CompactWriter(ByteSink out, long maxDepth) {
            this.out = out;
            this.maxDepth = maxDepth;
        }

        /**
         * @return {@code false} if the value (or an element) has no compact form; the output is then partial
         */
        boolean write(Object value, long depth) {
            if (value == null) {
                out.write(TAG_NULL);
                return true;
            }
            // Exact class tests: cheaper than instanceof chains, and subclasses must not be flattened.
            Class<?> type = value.getClass();
            if (type == String.class) {
                return writeString((String) value);
            } else if (type == Integer.class) {
                out.write(TAG_INT);
                int v = (Integer) value;
                out.writeUVarint(((v << 1) ^ (v >> 31)) & 0xFFFF_FFFFL);
            } else if (type == Long.class) {
                out.write(TAG_LONG);
                long v = (Long) value;
                out.writeUVarint((v << 1) ^ (v >> 63));
            } else if (type == Boolean.class) {
                out.write((Boolean) value ? TAG_TRUE : TAG_FALSE);
            } else if (type == Double.class) {
                out.write(TAG_DOUBLE);
                out.writeLong(Double.doubleToRawLongBits((Double) value));
            } else if (type == Float.class) {
                out.write(TAG_FLOAT);
                out.writeInt(Float.floatToRawIntBits((Float) value));
            } else if (type == Byte.class) {
                out.write(TAG_BYTE);
                out.write((Byte) value);
            } else if (type == Short.class) {
                out.write(TAG_SHORT);
                out.writeShort((Short) value);
            } else if (type == Character.class) {
                out.write(TAG_CHAR);
                out.writeShort((Character) value);
            } else if (type == byte[].class) {
                byte[] a = (byte[]) value;
                out.write(TAG_BYTES);
                out.writeUVarint(a.length);
                out.write(a, 0, a.length);
            } else if (type == int[].class) {
                int[] a = (int[]) value;
                out.write(TAG_INTS);
                out.writeUVarint(a.length);
                out.writeInts(a);
            } else if (type == long[].class) {
                long[] a = (long[]) value;
                out.write(TAG_LONGS);
                out.writeUVarint(a.length);
                out.writeLongs(a);
            } else if (type == double[].class) {
                double[] a = (double[]) value;
                out.write(TAG_DOUBLES);
                out.writeUVarint(a.length);
                out.writeDoubles(a);
            } else if (type == ArrayList.class) {
                return writeElements(TAG_LIST, (Collection<?>) value, depth);
            } else if (type == HashSet.class || type == LinkedHashSet.class) {
                return writeElements(TAG_SET, (Collection<?>) value, depth);
            } else if (type == HashMap.class || type == LinkedHashMap.class) {
                return writeMap((Map<?, ?>) value, depth);
            } else {
                return false;
            }
            return true;
        }

        private boolean writeString(String s) {
            // UTF-8 cannot carry an unpaired surrogate (getBytes would replace it with '?'), so such a string
            // goes to Java serialization, whose modified UTF-8 keeps it exactly.
            if (!utf8Exact(s)) {
                return false;
            }
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            out.write(TAG_STRING);
            out.writeUVarint(utf8.length);
            out.write(utf8, 0, utf8.length);
            return true;
        }

        private boolean writeElements(int tag, Collection<?> elements, long depth) {
            if (!enter(elements, depth)) {
                return false;
            }
            int count = elements.size();
            out.write(tag);
            out.writeUVarint(count);
            int written = 0;
            for (Object element : elements) {
                if (written == count) {
                    return modified();
                }
                if (!write(element, depth + 1)) {
                    return false;
                }
                written++;
            }
            return written == count || modified();
        }

        private boolean writeMap(Map<?, ?> map, long depth) {
            if (!enter(map, depth)) {
                return false;
            }
            int count = map.size();
            out.write(TAG_MAP);
            out.writeUVarint(count);
            int written = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (written == count) {
                    return modified();
                }
                if (!write(entry.getKey(), depth + 1) || !write(entry.getValue(), depth + 1)) {
                    return false;
                }
                written++;
            }
            return written == count || modified();
        }

        private boolean enter(Object collection, long depth) {
            if (depth > maxDepth) {
                return false;
            }
            if (seen == null) {
                seen = new IdentityHashMap<>();
            }
            return seen.put(collection, Boolean.TRUE) == null;
        }

        // The count is already written, so an element count that changed under us would corrupt the data.
        private static boolean modified() {
            throw new ConcurrentModificationException();
        }
    }

    /** Reads the compact form, checking every claimed length against the bytes actually left. */
    private static final class Reader {
        private final byte[] data;
        private final int start;
        private final long maxDepth;
        final int end;
        int pos;

        Reader(byte[] data, int start, int end, long maxDepth) {
            this.data = data;
            this.start = start;
            this.pos = start;
            this.end = end;
            this.maxDepth = maxDepth;
        }

        Object read(long depth) {
            int at = pos;
            int tag = u8();
            switch (tag) {
                case TAG_NULL:
                    return null;
                case TAG_FALSE:
                    return Boolean.FALSE;
                case TAG_TRUE:
                    return Boolean.TRUE;
                case TAG_BYTE:
                    return (byte) u8();
                case TAG_SHORT:
                    return (short) u16();
                case TAG_CHAR:
                    return (char) u16();
                case TAG_INT: {
                    int raw = (int) uvarint(5, 0xFFFF_FFFFL);
                    return (raw >>> 1) ^ -(raw & 1);
                }
                case TAG_LONG: {
                    long raw = uvarint(10, -1L);
                    return (raw >>> 1) ^ -(raw & 1);
                }
                case TAG_FLOAT:
                    return Float.intBitsToFloat(s32());
                case TAG_DOUBLE:
                    return Double.longBitsToDouble(s64());
                case TAG_STRING: {
                    int n = length(1);
                    String s = new String(data, pos, n, StandardCharsets.UTF_8);
                    pos += n;
                    return s;
                }
                case TAG_BYTES: {
                    int n = length(1);
                    byte[] a = new byte[n];
                    System.arraycopy(data, pos, a, 0, n);
                    pos += n;
                    return a;
                }
                case TAG_INTS: {
                    int[] a = new int[length(4)];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = s32();
                    }
                    return a;
                }
                case TAG_LONGS: {
                    long[] a = new long[length(8)];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = s64();
                    }
                    return a;
                }
                case TAG_DOUBLES: {
                    double[] a = new double[length(8)];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = Double.longBitsToDouble(s64());
                    }
                    return a;
                }
                case TAG_LIST: {
                    checkDepth(depth, at);
                    int n = length(1);
                    ArrayList<Object> list = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        list.add(read(depth + 1));
                    }
                    return list;
                }
                case TAG_SET: {
                    checkDepth(depth, at);
                    int n = length(1);
                    LinkedHashSet<Object> set = new LinkedHashSet<>(capacity(n));
                    for (int i = 0; i < n; i++) {
                        set.add(read(depth + 1));
                    }
                    return set;
                }
                case TAG_MAP: {
                    checkDepth(depth, at);
                    int n = length(2);
                    LinkedHashMap<Object, Object> map = new LinkedHashMap<>(capacity(n));
                    for (int i = 0; i < n; i++) {
                        Object key = read(depth + 1);
                        map.put(key, read(depth + 1));
                    }
                    return map;
                }
                default:
                    throw new CodecException("cannot decode: unknown tag 0x" + Integer.toHexString(tag)
                            + " at offset " + (at - start)
                            + (tag == TAG_JAVA ? " (a serialized stream may only start the data)" : ""));
            }
        }

        private void checkDepth(long depth, int at) {
            if (depth > maxDepth) {
                throw new CodecException("cannot decode: collection nesting depth " + depth + " exceeds maxDepth "
                        + maxDepth + " at offset " + (at - start));
            }
        }

        // Hash tables sized for n entries without rehashing; n is already bounded by the data length.
        private static int capacity(int n) {
            return (int) Math.min(n / 3L * 4 + 16, Integer.MAX_VALUE - 8);
        }

        /**
         * Reads a count of items each taking at least {@code bytesPerItem} bytes, refusing counts the remaining
         * data cannot hold so that a corrupt length never triggers a huge allocation.
         */
        private int length(int bytesPerItem) {
            int at = pos;
            long n = uvarint(5, Integer.MAX_VALUE);
            long remaining = end - pos;
            if (n * bytesPerItem > remaining) {
                throw new CodecException("cannot decode: truncated data: length " + n + " at offset " + (at - start)
                        + " needs " + (n * bytesPerItem) + " bytes but only " + remaining + " remain");
            }
            return (int) n;
        }

        private long uvarint(int maxBytes, long maxValue) {
            int at = pos;
            long value = 0;
            for (int i = 0; i < maxBytes; i++) {
                int b = u8();
                value |= (long) (b & 0x7F) << (7 * i);
                if ((b & 0x80) == 0) {
                    // The last group of a 64-bit varint has room for only one bit; for 32-bit types the value
                    // check catches extra bits. Either way, overflow is corruption, not a number.
                    boolean overflow = (i == 9 && b > 1)
                            || (maxValue >= 0 && Long.compareUnsigned(value, maxValue) > 0);
                    if (overflow) {
                        break;
                    }
                    return value;
                }
            }
            throw new CodecException("cannot decode: malformed varint at offset " + (at - start));
        }

        private int u8() {
            need(1);
            return data[pos++] & 0xFF;
        }

        private int u16() {
            need(2);
            int v = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
            pos += 2;
            return v;
        }

        private int s32() {
            need(4);
            int v = ((data[pos] & 0xFF) << 24) | ((data[pos + 1] & 0xFF) << 16)
                    | ((data[pos + 2] & 0xFF) << 8) | (data[pos + 3] & 0xFF);
            pos += 4;
            return v;
        }

        private long s64() {
            long high = s32() & 0xFFFF_FFFFL;
            return (high << 32) | (s32() & 0xFFFF_FFFFL);
        }

        private void need(int n) {
            if (end - pos < n) {
                throw new CodecException("cannot decode: truncated data: " + n + " more bytes needed at offset "
                        + (pos - start) + ", " + (end - pos) + " left");
            }
        }
    }

    /**
     * @param s a string
     * @return whether its UTF-8 bytes carry it exactly: it has no unpaired surrogate, which
     *     {@link String#getBytes} would replace with {@code '?'}
     */
    public static boolean utf8Exact(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            }
        }
        return true;
    }
}
