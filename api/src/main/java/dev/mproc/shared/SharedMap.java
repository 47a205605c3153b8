package dev.mproc.shared;

import dev.mproc.SharedObject;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A map held by a {@link Manager} and shared by processes: Python's {@code Manager().dict()}. Created by
 * {@link Manager#map()}.
 *
 * <p>Each method is one atomic operation on the shared map; a sequence of calls is not. So the seeds'
 * counter
 * <pre>{@code
 * map.put("count", map.get("count") + 1);   // loses updates when processes race, as in Python
 * }</pre>
 * loses updates unless every process holds a common {@link dev.mproc.sync.Lock} around it, while
 * <pre>{@code
 * map.merge("count", 1, Integer::sum);      // exact, with no lock
 * }</pre>
 * is exact. Why this is not a {@link java.util.Map}, how keys are compared and why {@code null} is refused
 * is explained in the package documentation. The map keeps insertion order, as a Python dict does.
 *
 * <p>Each call waits for the manager to answer; it does not react to interruption. Changes have taken
 * effect for every process when the call returns. After the manager has shut down, every method throws
 * {@link dev.mproc.MprocException}. Keys and values that cannot be encoded or decoded fail with
 * {@link dev.mproc.CodecException}, and the map is unchanged.
 *
 * @param <K> the type of the keys
 * @param <V> the type of the values
 */
public interface SharedMap<K, V> extends SharedObject {

    /**
     * Returns the value mapped to a key.
     *
     * @param key the key
     * @return the value, or {@code null} if the key is absent
     * @throws NullPointerException if {@code key} is {@code null}
     */
    V get(K key);

    /**
     * Returns the value mapped to a key, or a default.
     *
     * @param key the key
     * @param defaultValue what to return if the key is absent, may be {@code null}
     * @return the value, or {@code defaultValue} if the key is absent
     * @throws NullPointerException if {@code key} is {@code null}
     */
    default V getOrDefault(K key, V defaultValue) {
        V value = get(key);
        return value != null ? value : defaultValue;
    }

    /**
     * Tells whether a key is present.
     *
     * @param key the key
     * @return {@code true} if the key is mapped
     * @throws NullPointerException if {@code key} is {@code null}
     */
    boolean containsKey(K key);

    /**
     * Maps a key to a value.
     *
     * @param key the key
     * @param value the value
     * @return the previous value, or {@code null} if the key was absent
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     */
    V put(K key, V value);

    /**
     * Maps a key to a value if the key is absent.
     *
     * @param key the key
     * @param value the value
     * @return the present value, left unchanged, or {@code null} if the key was absent and is now mapped
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     */
    V putIfAbsent(K key, V value);

    /**
     * Copies every mapping of a local map into this one, in one atomic operation.
     *
     * @param entries the mappings to copy
     * @throws NullPointerException if {@code entries} holds a {@code null} key or value; nothing is copied
     */
    void putAll(Map<? extends K, ? extends V> entries);

    /**
     * Removes a key.
     *
     * @param key the key
     * @return the value it had, or {@code null} if it was absent
     * @throws NullPointerException if {@code key} is {@code null}
     */
    V remove(K key);

    /**
     * Removes a key if it is mapped to a given value.
     *
     * @param key the key
     * @param value the value it must have
     * @return {@code true} if the mapping was removed
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     */
    boolean remove(K key, V value);

    /**
     * Replaces the value of a key if it is present.
     *
     * @param key the key
     * @param value the new value
     * @return the previous value, or {@code null} if the key was absent and is still absent
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     */
    V replace(K key, V value);

    /**
     * Replaces the value of a key if it is mapped to an expected value.
     *
     * @param key the key
     * @param expected the value it must have
     * @param value the new value
     * @return {@code true} if the value was replaced
     * @throws NullPointerException if any argument is {@code null}
     */
    boolean replace(K key, V expected, V value);

    /**
     * Computes the value of a key from its current value, atomically. The function runs in the calling
     * thread, never in another process, so it need not be serializable; if another update wins the race it
     * runs again on the newer value, so it must be free of side effects, as with
     * {@link java.util.concurrent.ConcurrentMap#compute(Object, BiFunction)}.
     *
     * @param key the key
     * @param remapping computes the new value from the key and the current value ({@code null} if absent);
     *     returns {@code null} to remove the key
     * @return the new value, or {@code null} if the key is now absent
     * @throws NullPointerException if {@code key} or {@code remapping} is {@code null}
     */
    default V compute(K key, BiFunction<? super K, ? super V, ? extends V> remapping) {
        for (;;) {
            V current = get(key);
            V next = remapping.apply(key, current);
            if (current == null) {
                if (next == null || putIfAbsent(key, next) == null) {
                    return next;
                }
            } else if (next == null) {
                if (remove(key, current)) {
                    return null;
                }
            } else if (replace(key, current, next)) {
                return next;
            }
        }
    }

    /**
     * Maps an absent key to the given value, or a present key to the combination of its current value and
     * the given one, atomically; the way to count. The function runs as for
     * {@link #compute(Object, BiFunction)}.
     *
     * @param key the key
     * @param value the value for an absent key, and the second argument of {@code remapping}
     * @param remapping combines the current value and {@code value}; returns {@code null} to remove the key
     * @return the new value, or {@code null} if the key is now absent
     * @throws NullPointerException if any argument is {@code null}
     */
    default V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remapping) {
        if (value == null) {
            throw new NullPointerException("value");
        }
        for (;;) {
            V current = get(key);
            if (current == null) {
                if (putIfAbsent(key, value) == null) {
                    return value;
                }
                continue;
            }
            V next = remapping.apply(current, value);
            if (next == null) {
                if (remove(key, current)) {
                    return null;
                }
            } else if (replace(key, current, next)) {
                return next;
            }
        }
    }

    /**
     * Maps an absent key to a computed value, atomically. The function runs in the calling thread, and only
     * when the key is absent, but may run although another process maps the key meanwhile; that process's
     * value then wins.
     *
     * @param key the key
     * @param mapping computes the value; returns {@code null} to leave the key absent
     * @return the value now mapped, or {@code null} if the key is still absent
     * @throws NullPointerException if {@code key} or {@code mapping} is {@code null}
     */
    default V computeIfAbsent(K key, Function<? super K, ? extends V> mapping) {
        V current = get(key);
        if (current != null) {
            return current;
        }
        V computed = mapping.apply(key);
        if (computed == null) {
            return null;
        }
        V raced = putIfAbsent(key, computed);
        return raced != null ? raced : computed;
    }

    /**
     * Returns the number of mappings.
     *
     * @return the number of keys
     */
    int size();

    /**
     * Tells whether the map has no mapping.
     *
     * @return {@code true} if the map is empty
     */
    default boolean isEmpty() {
        return size() == 0;
    }

    /**
     * Removes every mapping.
     */
    void clear();

    /**
     * Returns a consistent local copy of the whole map, in insertion order: Python's {@code copy()}, and the
     * way to iterate over keys, values or entries. Later changes to either map do not affect the other.
     *
     * @return a new modifiable map
     */
    Map<K, V> snapshot();
}
