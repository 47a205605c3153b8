package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.CodecException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A manager's map (and namespace) at the owner: keys decoded, so that they compare by {@code equals}, each with
 * the encoding its first writer sent; values as their writers encoded them. Insertion order is kept, as a Python
 * dict keeps it: replacing a value keeps the key's place, removing and adding it again moves it to the end.
 *
 * <p>Every op answers at once; none parks. Replies follow {@link ManagerProtocol}.
 */
final class MapObject implements ServerObject {

    /** Op (key): the value, or absent. */
    static final byte GET = 10;
    /** Op (key): boolean. */
    static final byte CONTAINS = 11;
    /** Op (key, value): the previous value, or absent. */
    static final byte PUT = 12;
    /** Op (key, value): the present value, left unchanged, or absent (and now mapped). */
    static final byte PUT_IF_ABSENT = 13;
    /** Op (count, then key and value alternating): nothing. */
    static final byte PUT_ALL = 14;
    /** Op (key): the removed value, or absent. */
    static final byte REMOVE = 15;
    /** Op (key, value): boolean, whether the key was mapped to an equal value and is now removed. */
    static final byte REMOVE_IF_EQUAL = 16;
    /** Op (key, value): the previous value, or absent (and still absent). */
    static final byte REPLACE = 17;
    /** Op (key, expected, value): boolean, whether the key was mapped to a value equal to expected. */
    static final byte REPLACE_IF_EQUAL = 18;
    /** Op: the number of keys, an int. */
    static final byte SIZE = 19;
    /** Op: remove every key. */
    static final byte CLEAR = 20;
    /** Op: int count, then key and value alternating, in insertion order. */
    static final byte SNAPSHOT = 21;
    /**
     * Op (key, present byte, [expected], present byte, [value]): the compare-and-set that compute and merge
     * retry on. If the key's current encoding is exactly {@code expected} (or the key is absent and expected
     * is), it becomes {@code value} (or the key is removed if value is absent); answers boolean "swapped",
     * then, when not swapped, the current value as a value reply so that the caller can retry at once.
     */
    static final byte SWAP = 22;

    /** One mapping: the key's encoding as first written, and the current value's. */
    private static final class Entry {
        final byte[] key;
        byte[] value;

        Entry(byte[] key, byte[] value) {
            this.key = key;
            this.value = value;
        }
    }

    private final ClassLoader loader;
    private final LinkedHashMap<Object, Entry> entries = new LinkedHashMap<>();

    /**
     * @param loader resolves the classes of keys and values when they are decoded (the manager creator's)
     */
    MapObject(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public void handle(Request request, byte op, ByteBuffer args) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        byte[] reply;
        try {
            reply = apply(op, args);
        } catch (CodecException e) {
            reply = ManagerProtocol.errorReply(ManagerProtocol.STATUS_CODEC, e.getMessage());
        } catch (RuntimeException e) {
            // A key's hashCode or equals runs user code here; its failure is the caller's, not the owner's.
            reply = ManagerProtocol.errorReply(ManagerProtocol.STATUS_ERROR, "the manager's map failed: " + e);
        } finally {
            thread.setContextClassLoader(previous);
        }
        if (reply == null) {
            request.fail(dev.mproc.ipc.netty.internal.Wire.ERR_PROTOCOL, "a map has no op " + op);
        } else {
            request.ok(reply);
        }
    }

    private byte[] apply(byte op, ByteBuffer args) {
        switch (op) {
            case GET -> {
                Entry e = entries.get(ManagerProtocol.key(ManagerProtocol.field(args)));
                return ManagerProtocol.valueReply(e == null ? null : e.value);
            }
            case CONTAINS -> {
                return ManagerProtocol.boolReply(entries.containsKey(ManagerProtocol.key(ManagerProtocol.field(args))));
            }
            case PUT -> {
                byte[] k = ManagerProtocol.field(args);
                byte[] v = ManagerProtocol.field(args);
                Object key = ManagerProtocol.key(k);
                Entry e = entries.get(key);
                if (e == null) {
                    entries.put(key, new Entry(k, v));
                    return ManagerProtocol.valueReply(null);
                }
                byte[] old = e.value;
                e.value = v;
                return ManagerProtocol.valueReply(old);
            }
            case PUT_IF_ABSENT -> {
                byte[] k = ManagerProtocol.field(args);
                byte[] v = ManagerProtocol.field(args);
                Object key = ManagerProtocol.key(k);
                Entry e = entries.get(key);
                if (e == null) {
                    entries.put(key, new Entry(k, v));
                    return ManagerProtocol.valueReply(null);
                }
                return ManagerProtocol.valueReply(e.value);
            }
            case PUT_ALL -> {
                int n = args.getInt();
                // Decode every key before changing anything, so that one bad key leaves the map unchanged.
                List<Object> keys = new ArrayList<>(n);
                List<byte[]> fields = new ArrayList<>(2 * n);
                for (int i = 0; i < n; i++) {
                    byte[] k = ManagerProtocol.field(args);
                    fields.add(k);
                    fields.add(ManagerProtocol.field(args));
                    keys.add(ManagerProtocol.key(k));
                }
                for (int i = 0; i < n; i++) {
                    Entry e = entries.get(keys.get(i));
                    if (e == null) {
                        entries.put(keys.get(i), new Entry(fields.get(2 * i), fields.get(2 * i + 1)));
                    } else {
                        e.value = fields.get(2 * i + 1);
                    }
                }
                return ManagerProtocol.okReply();
            }
            case REMOVE -> {
                Entry e = entries.remove(ManagerProtocol.key(ManagerProtocol.field(args)));
                return ManagerProtocol.valueReply(e == null ? null : e.value);
            }
            case REMOVE_IF_EQUAL -> {
                Object key = ManagerProtocol.key(ManagerProtocol.field(args));
                byte[] v = ManagerProtocol.field(args);
                Entry e = entries.get(key);
                if (e != null && ManagerProtocol.sameValue(e.value, v)) {
                    entries.remove(key);
                    return ManagerProtocol.boolReply(true);
                }
                return ManagerProtocol.boolReply(false);
            }
            case REPLACE -> {
                Entry e = entries.get(ManagerProtocol.key(ManagerProtocol.field(args)));
                byte[] v = ManagerProtocol.field(args);
                if (e == null) {
                    return ManagerProtocol.valueReply(null);
                }
                byte[] old = e.value;
                e.value = v;
                return ManagerProtocol.valueReply(old);
            }
            case REPLACE_IF_EQUAL -> {
                Entry e = entries.get(ManagerProtocol.key(ManagerProtocol.field(args)));
                byte[] expected = ManagerProtocol.field(args);
                byte[] v = ManagerProtocol.field(args);
                if (e != null && ManagerProtocol.sameValue(e.value, expected)) {
                    e.value = v;
                    return ManagerProtocol.boolReply(true);
                }
                return ManagerProtocol.boolReply(false);
            }
            case SIZE -> {
                return ManagerProtocol.intReply(entries.size());
            }
            case CLEAR -> {
                entries.clear();
                return ManagerProtocol.okReply();
            }
            case SNAPSHOT -> {
                return snapshot();
            }
            case SWAP -> {
                return swap(args);
            }
            default -> {
                return null;
            }
        }
    }

    private byte[] swap(ByteBuffer args) {
        byte[] k = ManagerProtocol.field(args);
        byte[] expected = args.get() == 0 ? null : ManagerProtocol.field(args);
        byte[] v = args.get() == 0 ? null : ManagerProtocol.field(args);
        Object key = ManagerProtocol.key(k);
        Entry e = entries.get(key);
        byte[] current = e == null ? null : e.value;
        boolean matches = current == null ? expected == null
                : expected != null && Arrays.equals(current, expected);
        if (!matches) {
            if (current == null) {
                return new byte[] {ManagerProtocol.STATUS_OK, 0, 0};
            }
            return ByteBuffer.allocate(3 + current.length)
                    .put(ManagerProtocol.STATUS_OK).put((byte) 0).put((byte) 1).put(current).array();
        }
        if (v == null) {
            if (e != null) {
                entries.remove(key);
            }
        } else if (e == null) {
            entries.put(key, new Entry(k, v));
        } else {
            e.value = v;
        }
        return ManagerProtocol.boolReply(true);
    }

    private byte[] snapshot() {
        long size = 5;
        for (Entry e : entries.values()) {
            size += 8L + e.key.length + e.value.length;
        }
        ManagerProtocol.checkReplySize(size, "map");
        ByteBuffer b = ByteBuffer.allocate((int) size).put(ManagerProtocol.STATUS_OK).putInt(entries.size());
        for (Entry e : entries.values()) {
            b.putInt(e.key.length).put(e.key).putInt(e.value.length).put(e.value);
        }
        return b.array();
    }

    @Override
    public void dispose() {
        entries.clear();
    }
}
