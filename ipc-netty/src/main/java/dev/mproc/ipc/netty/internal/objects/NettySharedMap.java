package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.shared.SharedMap;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The proxy of a manager's {@link MapObject}. Keys and values are encoded here, in the caller; values are decoded
 * here. {@link #compute}, {@link #merge} and {@link #computeIfAbsent} retry on a compare-and-set of the exact
 * bytes they read ({@link MapObject#SWAP}), which also hands back the newer value when another process won, so
 * that a retry costs one round trip and a value whose class compares by identity cannot make them spin.
 *
 * @param <K> the type of the keys
 * @param <V> the type of the values
 */
final class NettySharedMap<K, V> extends ManagerContainer implements SharedMap<K, V> {
    private static final long serialVersionUID = 1L;

    /** What {@link #swap} answers when it swapped; encodings are never empty. */
    private static final byte[] SWAPPED = new byte[0];

    /**
     * @param ref the map's handle
     * @param client the client of the manager's owner
     */
    NettySharedMap(Ref ref, ObjectClient client) {
        super(ref, client);
    }

    @Override
    public V get(K key) {
        return value(call(MapObject.GET, ManagerProtocol.args(ManagerProtocol.encode(key, "key"))));
    }

    @Override
    public boolean containsKey(K key) {
        return call(MapObject.CONTAINS, ManagerProtocol.args(ManagerProtocol.encode(key, "key"))).get() != 0;
    }

    @Override
    public V put(K key, V value) {
        return value(call(MapObject.PUT, pair(key, value)));
    }

    @Override
    public V putIfAbsent(K key, V value) {
        return value(call(MapObject.PUT_IF_ABSENT, pair(key, value)));
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> entries) {
        // Copy first: the argument may change meanwhile, and nothing may be sent if one mapping is refused.
        Object[] pairs = new Object[2 * entries.size()];
        int n = 0;
        for (Map.Entry<? extends K, ? extends V> e : entries.entrySet()) {
            if (n == pairs.length) {
                pairs = java.util.Arrays.copyOf(pairs, 2 * n + 2);
            }
            pairs[n++] = Objects.requireNonNull(e.getKey(), "a key of entries");
            pairs[n++] = Objects.requireNonNull(e.getValue(), "a value of entries");
        }
        byte[][] encoded = new byte[n][];
        int size = 4;
        for (int i = 0; i < n; i++) {
            encoded[i] = ManagerProtocol.CODEC.encode(pairs[i]);
            size += 4 + encoded[i].length;
        }
        ByteBuffer args = ByteBuffer.allocate(size).putInt(n / 2);
        for (byte[] f : encoded) {
            args.putInt(f.length).put(f);
        }
        call(MapObject.PUT_ALL, args.array());
    }

    @Override
    public V remove(K key) {
        return value(call(MapObject.REMOVE, ManagerProtocol.args(ManagerProtocol.encode(key, "key"))));
    }

    @Override
    public boolean remove(K key, V value) {
        return call(MapObject.REMOVE_IF_EQUAL, pair(key, value)).get() != 0;
    }

    @Override
    public V replace(K key, V value) {
        return value(call(MapObject.REPLACE, pair(key, value)));
    }

    @Override
    public boolean replace(K key, V expected, V value) {
        byte[] k = ManagerProtocol.encode(key, "key");
        byte[] e = ManagerProtocol.encode(expected, "expected");
        byte[] v = ManagerProtocol.encode(value, "value");
        return call(MapObject.REPLACE_IF_EQUAL, ManagerProtocol.args(k, e, v)).get() != 0;
    }

    @Override
    public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remapping) {
        byte[] k = ManagerProtocol.encode(key, "key");
        Objects.requireNonNull(remapping, "remapping");
        byte[] current = ManagerProtocol.rawValue(call(MapObject.GET, ManagerProtocol.args(k)));
        for (;;) {
            V next = remapping.apply(key, decode(current));
            if (current == null && next == null) {
                return null;
            }
            byte[] seen = swap(k, current, next == null ? null : ManagerProtocol.CODEC.encode(next));
            if (seen == SWAPPED) {
                return next;
            }
            current = seen;
        }
    }

    @Override
    public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remapping) {
        byte[] k = ManagerProtocol.encode(key, "key");
        byte[] v = ManagerProtocol.encode(value, "value");
        Objects.requireNonNull(remapping, "remapping");
        // Guess "absent" instead of reading first: a wrong guess answers with the current value, so a present
        // key costs the same two round trips as a read would, and an absent one only one.
        byte[] current = null;
        V next = value;
        byte[] nextBytes = v;
        for (;;) {
            byte[] seen = swap(k, current, nextBytes);
            if (seen == SWAPPED) {
                return next;
            }
            current = seen;
            if (current == null) {
                next = value;
                nextBytes = v;
            } else {
                next = remapping.apply(decode(current), value);
                nextBytes = next == null ? null : ManagerProtocol.CODEC.encode(next);
            }
        }
    }

    @Override
    public V computeIfAbsent(K key, Function<? super K, ? extends V> mapping) {
        byte[] k = ManagerProtocol.encode(key, "key");
        Objects.requireNonNull(mapping, "mapping");
        byte[] current = ManagerProtocol.rawValue(call(MapObject.GET, ManagerProtocol.args(k)));
        if (current != null) {
            return decode(current);
        }
        V computed = mapping.apply(key);
        if (computed == null) {
            return null;
        }
        byte[] raced = ManagerProtocol.rawValue(
                call(MapObject.PUT_IF_ABSENT, ManagerProtocol.args(k, ManagerProtocol.CODEC.encode(computed))));
        return raced == null ? computed : decode(raced);
    }

    @Override
    public int size() {
        return call(MapObject.SIZE).getInt();
    }

    @Override
    public void clear() {
        call(MapObject.CLEAR);
    }

    @Override
    @SuppressWarnings("unchecked") // the type arguments are not checked across processes, as documented
    public Map<K, V> snapshot() {
        ByteBuffer data = call(MapObject.SNAPSHOT);
        int n = data.getInt();
        Map<K, V> copy = new LinkedHashMap<>(Math.max(16, (int) (n / 0.75f) + 1));
        for (int i = 0; i < n; i++) {
            byte[] k = ManagerProtocol.field(data);
            byte[] v = ManagerProtocol.field(data);
            copy.put((K) ManagerProtocol.CODEC.decode(k), (V) ManagerProtocol.CODEC.decode(v));
        }
        return copy;
    }

    /**
     * Sets the key's value to {@code next} if its encoding is still exactly {@code expected}.
     *
     * @param key the key's encoding
     * @param expected the encoding read before, {@code null} for absent
     * @param next the new encoding, {@code null} to remove the key
     * @return {@link #SWAPPED}, or else the current encoding ({@code null} if absent)
     */
    private byte[] swap(byte[] key, byte[] expected, byte[] next) {
        int size = 4 + key.length + 2 + (expected == null ? 0 : 4 + expected.length)
                + (next == null ? 0 : 4 + next.length);
        ByteBuffer args = ByteBuffer.allocate(size).putInt(key.length).put(key);
        optional(args, expected);
        optional(args, next);
        ByteBuffer reply = call(MapObject.SWAP, args.array());
        if (reply.get() != 0) {
            return SWAPPED;
        }
        return ManagerProtocol.rawValue(reply);
    }

    private static void optional(ByteBuffer args, byte[] field) {
        if (field == null) {
            args.put((byte) 0);
        } else {
            args.put((byte) 1).putInt(field.length).put(field);
        }
    }

    private byte[] pair(K key, V value) {
        byte[] k = ManagerProtocol.encode(key, "key");
        return ManagerProtocol.args(k, ManagerProtocol.encode(value, "value"));
    }

    private V value(ByteBuffer data) {
        return decode(ManagerProtocol.rawValue(data));
    }

    @SuppressWarnings("unchecked") // the type arguments are not checked across processes, as documented
    private V decode(byte[] encoded) {
        return encoded == null ? null : (V) ManagerProtocol.CODEC.decode(encoded);
    }
}
